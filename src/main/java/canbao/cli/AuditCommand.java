package canbao.cli;

import canbao.store.AuditTrail;
import canbao.store.AuditVerifier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code audit verify --data DIR}: walks the audit log's hash chain and checks the outbox payloads its
 * entries refer to; exit 0 only when intact. {@code audit show --data DIR [--entity E [--id ID]] [--last N]}:
 * the last N entries (50 unless given), one JSON line each, with the row before and after (an entry that
 * refers to the outbox shows the outbox payload, masked as the audit keeps it).
 */
final class AuditCommand {

    private static final String USAGE = "audit verify|show --data DIR [--entity E [--id ID]] [--last N]";
    private static final int MAX_LAST = 100_000;

    private AuditCommand() {
    }

    static int main(CommandLine cli, String[] args) throws Exception {
        if (args.length < 2 || !args[1].equals("verify") && !args[1].equals("show")) {
            throw Options.usage(USAGE);
        }
        if (args[1].equals("show")) {
            return show(cli, args);
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

    private static int show(CommandLine cli, String[] args) throws Exception {
        Options options = Options.parse(args, 2, Set.of("data", "user", "entity", "id", "last"));
        String entity = options.get("entity");
        String id = options.get("id");
        if (id != null && entity == null) {
            throw Options.usage(USAGE);
        }
        int last;
        try {
            last = options.get("last") == null ? 50 : Integer.parseInt(options.get("last"));
        } catch (NumberFormatException e) {
            throw Options.usage(USAGE);
        }
        if (last < 1 || last > MAX_LAST) {
            throw Options.usage(USAGE);
        }
        ObjectMapper json = new ObjectMapper();
        // the rows' personal data as the audit keeps it: for the roles that import and report, as reports
        return cli.signedIn(cli.signInForReports(options), session -> {
            for (AuditTrail.Line line : new AuditTrail(session.database()).latest(entity, id, last)) {
                ObjectNode printed = json.createObjectNode();
                printed.put("seq", line.seq());
                printed.put("at", line.at());
                printed.put("operator", line.operator());
                printed.put("entity", line.entity());
                printed.put("id", line.entityId());
                printed.put("revision", line.revision());
                printed.put("action", line.action());
                printed.set("before", value(json, line.before()));
                printed.set("after", value(json, line.after()));
                if (line.payload() != AuditTrail.Payload.OWN_TEXT) {
                    printed.put("outbox", line.payload().name().toLowerCase(Locale.ROOT));
                }
                cli.stdout().println(json.writeValueAsString(printed));
            }
            return 0;
        });
    }

    /** A row's JSON as JSON (a text that is not JSON as a string), null as null. */
    private static JsonNode value(ObjectMapper json, String text) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
