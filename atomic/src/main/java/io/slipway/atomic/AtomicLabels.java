package io.slipway.atomic;

import java.util.Locale;
import java.util.Map;

/**
 * The atomic label convention of one image: the commands {@code atomic install|run|stop|uninstall} run, and
 * the file whose content becomes {@code $RUN_OPTS}. Null where the image has no such label.
 *
 * @param install the {@code INSTALL} label
 * @param run the {@code RUN} label
 * @param stop the {@code STOP} label
 * @param uninstall the {@code UNINSTALL} label
 * @param runOptsFile the {@code RUN_OPTS_FILE} label
 */
record AtomicLabels(String install, String run, String stop, String uninstall, String runOptsFile) {

    /** No labels at all. */
    static final AtomicLabels NONE = new AtomicLabels(null, null, null, null, null);

    /** Reads the labels of an image (or container); {@code labels} may be null. */
    static AtomicLabels of(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return NONE;
        }
        return new AtomicLabels(find(labels, "INSTALL"), find(labels, "RUN"), find(labels, "STOP"),
                find(labels, "UNINSTALL"), find(labels, "RUN_OPTS_FILE"));
    }

    /**
     * The label {@code name} as atomic looks it up (Atomic/objects/image.py {@code get_label}, Atomic/atomic.py
     * {@code _get_args}): as given, lower case, Capitalized, UPPER case; the first present wins. A blank value
     * counts as absent, as atomic's truthiness test does.
     */
    static String find(Map<String, String> labels, String name) {
        for (String variant : new String[] {name, name.toLowerCase(Locale.ROOT), capitalize(name),
                name.toUpperCase(Locale.ROOT)}) {
            String v = labels.get(variant);
            if (v != null) {
                return v.isBlank() ? null : v;
            }
        }
        return null;
    }

    /** Python's {@code str.capitalize()}: first character upper case, the rest lower case. */
    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
