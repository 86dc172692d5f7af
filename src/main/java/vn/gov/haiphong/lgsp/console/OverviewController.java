package vn.gov.haiphong.lgsp.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.VerificationReport;

/** The console's overview ({@code /console/}), and the message log's verification on demand. */
@Controller
public class OverviewController {

    private final Overview overview;
    private final MessageLog messageLog;

    public OverviewController(Overview overview, MessageLog messageLog) {
        this.overview = overview;
        this.messageLog = messageLog;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        model.addAttribute("view", overview.read());
        return "console/overview";
    }

    /** Walks the whole chain now (read-only; the result is kept for every node to show). */
    @PostMapping("/console/message-log/verify")
    String verify(RedirectAttributes flash) {
        VerificationReport report = messageLog.verify();
        flash.addFlashAttribute("verified", report.ok());
        return "redirect:/console/";
    }
}
