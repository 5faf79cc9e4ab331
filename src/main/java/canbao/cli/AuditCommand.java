package canbao.cli;

import canbao.store.AuditVerifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code audit verify --data DIR}: walks the audit log's hash chain; exit 0 only when intact. */
final class AuditCommand {

    private AuditCommand() {
    }

    static int main(CommandLine cli, String[] args) throws Exception {
        if (args.length < 2 || !args[1].equals("verify")) {
            throw Options.usage("audit verify --data DIR");
        }
        Options options = Options.parse(args, 2, Set.of("data", "user"));
        return cli.signedIn(cli.signIn(options), session -> {
            AuditVerifier.Result result = new AuditVerifier(session.database()).verify();
            Map<String, Object> printed = new LinkedHashMap<>();
            printed.put("entries", result.entries());
            printed.put("intact", result.intact());
            printed.put("problems", result.problems().stream().map(p -> p.message(cli.locale())).toList());
            cli.stdout().println(new ObjectMapper().writeValueAsString(printed));
            return result.intact() ? 0 : 1;
        });
    }
}
