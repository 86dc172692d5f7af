package vn.gov.haiphong.lgsp.console;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import vn.gov.haiphong.lgsp.security.Roles;

/** What every console page shows in its header: who is logged in, with which roles. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
public class ConsoleAdvice {

    /** The person's roles, without Spring's {@code ROLE_} prefix, sorted. */
    static List<String> roles(Authentication person) {
        if (person == null) {
            return List.of();
        }
        return person.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(name -> name.startsWith("ROLE_")).map(name -> name.substring("ROLE_".length())).sorted().toList();
    }

    @ModelAttribute("person")
    Person person(Authentication authentication) {
        List<String> roles = roles(authentication);
        return new Person(authentication == null ? null : authentication.getName(), roles,
                roles.contains(Roles.ADMIN), roles.contains(Roles.OPERATOR) || roles.contains(Roles.ADMIN));
    }

    /** The logged-in person as the pages need it. */
    public record Person(String username, List<String> roles, boolean admin, boolean operator) {
    }
}
