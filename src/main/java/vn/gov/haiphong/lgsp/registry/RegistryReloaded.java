package vn.gov.haiphong.lgsp.registry;

/**
 * Published (as a Spring application event) after every reload of the registry snapshot, for
 * components of higher layers that keep something per agency or system, without the registry
 * knowing them.
 */
public record RegistryReloaded(RegistrySnapshot snapshot) {
}
