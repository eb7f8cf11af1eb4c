package dev.sluice.moderation;

import java.util.Map;

/** The SPDX ids of the license classifiers projects declare most (PyPI's trove list), for metadata without an expression. */
final class SpdxClassifiers {
    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("License :: OSI Approved :: MIT License", "MIT"),
            Map.entry("License :: OSI Approved :: Apache Software License", "Apache-2.0"),
            Map.entry("License :: OSI Approved :: BSD License", "BSD-3-Clause"),
            Map.entry("License :: OSI Approved :: ISC License (ISCL)", "ISC"),
            Map.entry("License :: OSI Approved :: Python Software Foundation License", "PSF-2.0"),
            Map.entry("License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
            Map.entry("License :: OSI Approved :: GNU General Public License v3 (GPLv3)", "GPL-3.0-only"),
            Map.entry("License :: OSI Approved :: GNU General Public License v2 (GPLv2)", "GPL-2.0-only"),
            Map.entry("License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only"),
            Map.entry("License :: OSI Approved :: GNU Affero General Public License v3", "AGPL-3.0-only"),
            Map.entry("License :: OSI Approved :: The Unlicense (Unlicense)", "Unlicense"));

    private SpdxClassifiers() {}

    static String idOf(String classifier) {
        return IDS.get(classifier.strip());
    }
}
