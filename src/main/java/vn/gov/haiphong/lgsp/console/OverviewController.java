package vn.gov.haiphong.lgsp.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
    String overview(@RequestParam(required = false) String verified, Model model) {
        model.addAttribute("view", overview.read());
        if ("ok".equals(verified) || "broken".equals(verified)) {
            model.addAttribute("verified", "ok".equals(verified));
        }
        return "console/overview";
    }

    /** Walks the whole chain now (read-only; the result is kept for every node to show). */
    @PostMapping("/console/message-log/verify")
    String verify() {
        VerificationReport report = messageLog.verify();
        // In the URL, not the session: the next page may come from another node.
        return "redirect:/console/?verified=" + (report.ok() ? "ok" : "broken");
    }
}
