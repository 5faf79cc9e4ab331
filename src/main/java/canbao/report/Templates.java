package canbao.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The empty import templates: the header row a file must start with. XLSX (ID-number columns as
 * text, so Excel keeps all 18 digits), or CSV in UTF-8 with a BOM (so Excel opens it as UTF-8).
 */
public final class Templates {

    private Templates() {
    }

    public static void write(RosterImport.Kind kind, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write('\uFEFF');
                out.write(String.join(",", kind.headers()));
                out.write("\r\n");
            }
            return;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "canbao", "1.0");
            Worksheet sheet = workbook.newWorksheet(sheetName(kind));
            for (int column = 0; column < kind.headers().size(); column++) {
                String header = kind.headers().get(column);
                sheet.value(0, column, header);
                sheet.style(0, column).bold().set();
                sheet.width(column, header.equals("身份证号") ? 22 : 14);
                if (header.equals("身份证号") || header.equals("户号") || header.equals("联系电话")) {
                    // text cells: an 18-digit number would lose its last digits as an Excel number
                    sheet.range(1, column, 5000, column).style().format("@").set();
                }
            }
            workbook.finish();
        }
    }

    private static String sheetName(RosterImport.Kind kind) {
        return switch (kind) {
            case ROSTER -> "户籍花名册";
            case LEDGER -> "低收入人口台账";
            case TARGETS -> "应参保人数";
        };
    }
}
