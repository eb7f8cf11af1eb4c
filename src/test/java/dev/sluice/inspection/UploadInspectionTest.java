package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads are inspected before they are acknowledged: a wheel that runs decoded data at import, or a start-up hook that
 * does, is refused with the finding and nothing is kept; its clean twin and a merely suspicious one are accepted.
 */
class UploadInspectionTest {
    @TempDir
    Path dir;

    @Test
    void aMaliciousUploadIsRefusedWithTheFindingAndNothingIsKept() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN))) {
            Path files = Files.createDirectories(dir.resolve("files"));
            // harmless payload: it would print a word
            Path hostile = Wheels.wheelWith(files, "helper-lib", "1.0", Map.of("helper_lib/boot.py",
                    "import base64\nexec(base64.b64decode('cHJpbnQoImhhcm1sZXNzIik='))\n"));
            PythonTools tools = new PythonTools(dir.resolve("home"));
            PythonTools.Result twine = tools.twineUpload(sluice, List.of(hostile));
            assertThat(twine.exitCode()).isNotZero();
            assertThat(twine.output()).contains("403").contains("malicious").contains("encoded-exec");
            assertThat(sluice.get("/simple/helper-lib/").statusCode()).as("nothing kept").isEqualTo(404);

            Path hook = Wheels.wheelWith(files, "start-hook", "1.0", Map.of("zz_start_hook.pth",
                    "import os; exec(os.environ.get('NOTHING', ''))\n"));
            var refused = sluice.upload(Multipart.twineLike(hook, "start-hook", "1.0"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("pth-import").contains("zz_start_hook.pth:1");

            Path clean = Wheels.wheelWith(files, "helper-lib", "1.1", Map.of("helper_lib/boot.py",
                    "import base64\ndata = base64.b64decode('cHJpbnQoImhhcm1sZXNzIik=')\n"));
            assertThat(sluice.upload(Multipart.twineLike(clean, "helper-lib", "1.1")).statusCode()).isEqualTo(200);
            Path suspicious = Wheels.wheelWith(files, "reporter", "1.0", Map.of("reporter/send.py",
                    "URL = 'https://hooks.slack.com/services/T000/B000/example'\n"));
            assertThat(sluice.upload(Multipart.twineLike(suspicious, "reporter", "1.0")).statusCode())
                    .as("suspicious uploads are the organisation's own: accepted, and logged").isEqualTo(200);
        } finally {
            PythonTools.deleteSymbolicLinks(dir);
        }
    }
}
