package canbao.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The county operator's progress page, served by the hub at {@code /}: server-rendered HTML in Chinese
 * (no script, no build step), readable on an office screen and on a phone. The operator signs in once
 * with the operator token ({@code hub token --operator NAME}); the hub answers an HttpOnly,
 * SameSite=Strict session cookie ({@link Hub#operatorSession}) and never shows or keeps the token.
 * {@code GET /export.xlsx} gives the same figures as a workbook (the cookie, or the token as a bearer).
 */
final class CountyPage {

    static final String COOKIE = "canbao_session";
    /** A device silent for more than this many days is flagged, unless the address says {@code ?silent=N}. */
    static final int DEFAULT_SILENT_DAYS = 3;
    private static final int MAX_FORM_BYTES = 4 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(CountyProgress.ZONE);
    /** The coverage rate every village is asked to reach (as the counter's bulletin, CoverageReport.GOAL). */
    private static final BigDecimal GOAL = new BigDecimal("0.95");

    private final Hub hub;

    CountyPage(Hub hub) {
        this.hub = hub;
    }

    /** Whether the address is the page's ({@code /}, sign-in and out, the export). */
    static boolean serves(String path) {
        return path.equals("/") || path.equals("/signin") || path.equals("/signout") || path.equals("/export.xlsx");
    }

    boolean handle(String path, Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        if (path.equals("/signin") && method.equals("POST")) {
            return signIn(request, response, callback);
        }
        if (path.equals("/signout") && method.equals("POST")) {
            // the cookie is a signed statement, not a server-side session: forgetting it is signing out
            Response.addCookie(response, cookie("", 0, request));
            redirect(response, callback);
            return true;
        }
        Optional<String> operator = hub.sessionOperator(cookieValue(request));
        if (path.equals("/export.xlsx") && method.equals("GET")) {
            if (operator.isEmpty()) {
                operator = hub.caller(bearer(request)).filter(c -> c.kind() == Hub.Caller.Kind.OPERATOR && !c.revoked())
                        .map(Hub.Caller::name);
            }
            if (operator.isEmpty()) {
                html(response, callback, 401, signInPage(null));
                return true;
            }
            CountyProgress.Report report = hub.progress(year(request), silentDays(request));
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            response.getHeaders().put("Content-Disposition", "attachment; filename=\"progress-" + report.year()
                    + ".xlsx\"; filename*=UTF-8''%E5%8F%82%E4%BF%9D%E8%BF%9B%E5%BA%A6-" + report.year() + ".xlsx");
            response.getHeaders().put("Cache-Control", "no-store");
            response.write(true, ByteBuffer.wrap(workbook(report)), callback);
            return true;
        }
        if (!path.equals("/") || !method.equals("GET")) {
            html(response, callback, 405, page("不支持的请求", "<p>不支持的请求。</p>"));
            return true;
        }
        if (operator.isEmpty()) {
            html(response, callback, 200, signInPage(null));
            return true;
        }
        html(response, callback, 200, progressPage(operator.get(), hub.progress(year(request), silentDays(request))));
        return true;
    }

    private boolean signIn(Request request, Response response, Callback callback) throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
        String token = null;
        if (body.length <= MAX_FORM_BYTES) {
            for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals("token")) {
                    token = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
                }
            }
        }
        Optional<String> session = hub.operatorSession(token);
        if (session.isEmpty()) {
            html(response, callback, 401, signInPage("令牌无效或已被停用：请使用区县发给您的操作员令牌（hub token --operator 姓名）"));
            return true;
        }
        Response.addCookie(response, cookie(session.get(), Hub.SESSION_LENGTH.toSeconds(), request));
        redirect(response, callback);
        return true;
    }

    private static HttpCookie cookie(String value, long maxAge, Request request) {
        HttpCookie.Builder cookie = HttpCookie.build(COOKIE, value).path("/").httpOnly(true).maxAge(maxAge)
                .sameSite(HttpCookie.SameSite.STRICT);
        if (request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"))) {
            cookie.secure(true);
        }
        return cookie.build();
    }

    private static String cookieValue(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static String bearer(Request request) {
        String header = request.getHeaders().get("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
    }

    private static Integer year(Request request) {
        String year = parameter(request, "year");
        return year != null && year.matches("\\d{4}") ? Integer.valueOf(year) : null;
    }

    private static int silentDays(Request request) {
        String days = parameter(request, "silent");
        return days != null && days.matches("\\d{1,3}") ? Integer.parseInt(days) : DEFAULT_SILENT_DAYS;
    }

    private static String parameter(Request request, String name) {
        Fields fields = Request.extractQueryParameters(request);
        return fields.getValue(name);
    }

    private static void redirect(Response response, Callback callback) {
        response.setStatus(303);
        response.getHeaders().put("Location", "/");
        response.getHeaders().put("Cache-Control", "no-store");
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    private static void html(Response response, Callback callback, int status, String html) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        // no script at all; styles inline; forms only to this hub; never framed
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.write(true, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
    }

    // --- HTML ---

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
              color:#1d2733;background:#f4f6f8;font-size:15px;line-height:1.5}
            header{background:#1f5f8b;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;
              align-items:center;justify-content:space-between}
            header h1{font-size:18px;margin:0}
            header form{margin:0}
            header a,header button{color:#fff}
            button,input{font:inherit}
            button{background:#1f5f8b;color:#fff;border:1px solid #fff;border-radius:4px;padding:4px 12px;cursor:pointer}
            main{max-width:1320px;margin:0 auto;padding:12px 16px}
            nav.years a{margin-right:8px}
            nav.years a.current{font-weight:bold;text-decoration:none;color:#1d2733}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px;margin:10px 0}
            .card{background:#fff;border-radius:6px;padding:10px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
            .card .label{color:#55626f;font-size:13px}
            .card .value{font-size:22px;font-weight:bold}
            section{background:#fff;border-radius:6px;padding:10px 14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
            h2{font-size:16px;margin:4px 0 8px}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;white-space:nowrap}
            th,td{padding:5px 8px;border-bottom:1px solid #e3e7eb;text-align:right}
            th:first-child,td:first-child,td.text,th.text{text-align:left}
            thead th{background:#eef2f5;position:sticky;top:0}
            tr.total td{font-weight:bold;border-top:2px solid #b9c3cc}
            tr.silent td{background:#fff1f0}
            .flag{color:#b42318;font-weight:bold}
            .low{color:#b42318}
            .note{color:#55626f;font-size:13px}
            .signin{max-width:420px;margin:60px auto;background:#fff;padding:24px;border-radius:8px;
              box-shadow:0 1px 3px rgba(0,0,0,.12)}
            .signin input{width:100%;padding:8px;margin:8px 0 12px;border:1px solid #b9c3cc;border-radius:4px}
            .signin button{width:100%;padding:8px}
            .error{color:#b42318}
            svg text{font-size:12px;fill:#1d2733}
            @media (max-width:700px){
              body{font-size:14px}
              main{padding:8px}
              .card .value{font-size:18px}
              th,td{padding:4px 6px}
            }
            """;

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }

    static String signInPage(String error) {
        return page("参保通 · 区县登录", "<div class=\"signin\"><h1>参保通 · 区县参保进度</h1>"
                + "<form method=\"post\" action=\"/signin\"><label for=\"token\">操作员令牌</label>"
                + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required autofocus>"
                + (error == null ? "" : "<p class=\"error\" id=\"error\">" + escape(error) + "</p>")
                + "<button type=\"submit\" id=\"signin\">登录</button></form>"
                + "<p class=\"note\">令牌由区县管理员用 hub token --operator 发放；登录后8小时内有效，关闭浏览器后需重新登录。</p></div>");
    }

    String progressPage(String operator, CountyProgress.Report report) {
        StringBuilder html = new StringBuilder();
        html.append("<header><h1>参保通 · 区县参保进度（").append(report.year()).append("年度）</h1>")
                .append("<span>操作员：").append(escape(operator)).append("</span>")
                .append("<form method=\"post\" action=\"/signout\"><button type=\"submit\">退出</button></form></header><main>");
        html.append("<nav class=\"years\">年度：");
        for (int year : report.years()) {
            html.append("<a href=\"/?year=").append(year).append("&amp;silent=").append(report.silentDays()).append('"')
                    .append(year == report.year() ? " class=\"current\"" : "").append('>').append(year).append("</a>");
        }
        html.append(" · 统计时间 ").append(TIME.format(report.asOf()))
                .append(" · <a id=\"export\" href=\"/export.xlsx?year=").append(report.year()).append("&amp;silent=")
                .append(report.silentDays()).append("\">导出Excel</a></nav>");

        CountyProgress.Township total = report.total();
        html.append("<div class=\"cards\">")
                .append(card("参保人数 / 目标人数", total.persons() + " / " + total.target(), "total-persons"))
                .append(card("参保率", percent(total.rate()), "total-rate"))
                .append(card("低收入人口参保", total.lowIncomeEnrolled() + " / " + total.lowIncome() + "（"
                        + percent(total.lowIncomeRate()) + "）", "total-low-income"))
                .append(card("待续保人数", String.valueOf(total.renewalsToDo()), "total-renewals"))
                .append(card("待更正的被拒记录", String.valueOf(total.waitingFix()), "total-waiting"))
                .append(card("超过" + report.silentDays() + "天未上传的设备", report.silentDevices() + " / "
                        + report.devices().size(), "silent-devices"))
                .append("</div>");

        html.append("<section><h2>各乡镇参保率</h2>").append(chart(report.townships())).append("</section>");

        html.append("<section><h2>乡镇</h2><div class=\"scroll\"><table id=\"townships\"><thead><tr>")
                .append("<th>乡镇</th><th>参保户数</th><th>参保人数</th><th>参保人次</th><th>目标人数</th><th>参保率</th>")
                .append("<th>低收入人口</th><th>低收入已参保</th><th>低收入参保率</th><th>待续保</th><th>待更正记录</th>")
                .append("</tr></thead><tbody>");
        for (CountyProgress.Township t : report.townships()) {
            html.append(townshipRow(t, false));
        }
        html.append(townshipRow(total, true)).append("</tbody></table></div>")
                .append("<p class=\"note\">参保人数、户数、人次：该年度未撤销的参保登记（与 /api/v1/stats 相同）。目标人数："
                        + "各乡镇上传到汇总端的人员数（花名册）。待续保：上一年度已缴费、本年度尚未参保的人。"
                        + "待更正记录：汇总端拒收或冲突、此后尚未收到更正的记录。</p></section>");

        html.append("<section><h2>村（社区）</h2><div class=\"scroll\"><table id=\"villages\"><thead><tr>")
                .append("<th>乡镇</th><th class=\"text\">村（社区）</th><th>参保人数</th><th>目标人数</th><th>参保率</th>")
                .append("</tr></thead><tbody>");
        for (CountyProgress.Village v : report.villages()) {
            html.append("<tr data-township=\"").append(escape(v.township())).append("\" data-village=\"")
                    .append(escape(v.village())).append("\"><td>").append(escape(v.township())).append("</td><td class=\"text\">")
                    .append(v.village().isEmpty() ? "（未填村）" : escape(v.village())).append("</td>")
                    .append(cell("persons", v.persons())).append(cell("target", v.target()))
                    .append(rateCell("rate", v.rate())).append("</tr>");
        }
        html.append("</tbody></table></div></section>");

        html.append("<section><h2>设备最后上传</h2><div class=\"scroll\"><table id=\"devices\"><thead><tr>")
                .append("<th>设备</th><th class=\"text\">乡镇</th><th class=\"text\">最后上传</th><th>未上传天数</th>")
                .append("<th class=\"text\">状态</th></tr></thead><tbody>");
        for (CountyProgress.Device d : report.devices()) {
            html.append("<tr data-device=\"").append(escape(d.device())).append('"')
                    .append(d.silent() ? " class=\"silent\"" : "").append("><td>").append(escape(d.device()))
                    .append("</td><td class=\"text\">").append(escape(d.township())).append("</td><td class=\"text\">")
                    .append(d.lastUpload() == null ? "从未上传" : TIME.format(d.lastUpload())).append("</td><td>")
                    .append(d.daysSilent() == null ? "—" : d.daysSilent()).append("</td><td class=\"text\" data-field=\"status\">")
                    .append(d.silent() ? "<span class=\"flag\">超过" + report.silentDays() + "天未上传</span>" : "正常")
                    .append("</td></tr>");
        }
        html.append("</tbody></table></div><p class=\"note\">地址后加 ?silent=天数 可改变提醒的天数（现为")
                .append(report.silentDays()).append("天）。</p></section></main>");
        return page("参保通 · 区县参保进度", html.toString());
    }

    private static String card(String label, String value, String id) {
        return "<div class=\"card\"><div class=\"label\">" + escape(label) + "</div><div class=\"value\" id=\"" + id
                + "\">" + escape(value) + "</div></div>";
    }

    private static String townshipRow(CountyProgress.Township t, boolean total) {
        return "<tr" + (total ? " class=\"total\"" : " data-township=\"" + escape(t.township()) + "\"") + "><td>"
                + escape(t.township()) + "</td>" + cell("households", t.households()) + cell("persons", t.persons())
                + cell("enrollments", t.enrollments()) + cell("target", t.target()) + rateCell("rate", t.rate())
                + cell("low-income", t.lowIncome()) + cell("low-income-enrolled", t.lowIncomeEnrolled())
                + rateCell("low-income-rate", t.lowIncomeRate()) + cell("renewals", t.renewalsToDo())
                + cell("waiting", t.waitingFix()) + "</tr>";
    }

    private static String cell(String field, long value) {
        return "<td data-field=\"" + field + "\">" + value + "</td>";
    }

    private static String rateCell(String field, BigDecimal rate) {
        boolean low = rate != null && rate.compareTo(GOAL) < 0;
        return "<td data-field=\"" + field + "\"" + (low ? " class=\"low\"" : "") + ">" + percent(rate) + "</td>";
    }

    static String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + "%";
    }

    /** Horizontal bars, one per township, with the 95 % goal as a dashed line; scales with the page (viewBox). */
    static String chart(List<CountyProgress.Township> townships) {
        int label = 110;
        int width = 460;
        int row = 24;
        int height = Math.max(1, townships.size()) * row + 24;
        StringBuilder svg = new StringBuilder("<svg id=\"chart\" role=\"img\" aria-label=\"各乡镇参保率\" viewBox=\"0 0 ")
                .append(label + width + 70).append(' ').append(height)
                .append("\" width=\"100%\" style=\"max-width:760px\" xmlns=\"http://www.w3.org/2000/svg\">");
        int y = 4;
        for (CountyProgress.Township t : townships) {
            BigDecimal rate = t.rate() == null ? BigDecimal.ZERO : t.rate().min(BigDecimal.ONE);
            int bar = rate.multiply(BigDecimal.valueOf(width)).intValue();
            svg.append("<text x=\"").append(label - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(escape(t.township())).append("</text>")
                    .append("<rect x=\"").append(label).append("\" y=\"").append(y + 3).append("\" width=\"").append(bar)
                    .append("\" height=\"16\" fill=\"").append(rate.compareTo(GOAL) >= 0 ? "#2e7d32" : "#1f5f8b")
                    .append("\"><title>").append(escape(t.township())).append(' ').append(percent(t.rate()))
                    .append("</title></rect><text x=\"").append(label + bar + 4).append("\" y=\"").append(y + 15)
                    .append("\">").append(percent(t.rate())).append("</text>");
            y += row;
        }
        int goal = label + GOAL.multiply(BigDecimal.valueOf(width)).intValue();
        svg.append("<line x1=\"").append(goal).append("\" y1=\"0\" x2=\"").append(goal).append("\" y2=\"").append(y)
                .append("\" stroke=\"#b42318\" stroke-dasharray=\"4 3\"/><text x=\"").append(goal - 20).append("\" y=\"")
                .append(y + 16).append("\">目标95%</text></svg>");
        return svg.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    // --- XLSX ---

    static byte[] workbook(CountyProgress.Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "canbao", "1.0");
        Worksheet townships = workbook.newWorksheet("乡镇");
        header(townships, "乡镇", "参保户数", "参保人数", "参保人次", "目标人数", "参保率", "低收入人口", "低收入已参保",
                "低收入参保率", "待续保", "待更正记录");
        int r = 1;
        for (CountyProgress.Township t : report.townships()) {
            townshipLine(townships, r++, t);
        }
        townshipLine(townships, r, report.total());
        Worksheet villages = workbook.newWorksheet("村");
        header(villages, "乡镇", "村（社区）", "参保人数", "目标人数", "参保率");
        r = 1;
        for (CountyProgress.Village v : report.villages()) {
            villages.value(r, 0, v.township());
            villages.value(r, 1, v.village());
            villages.value(r, 2, v.persons());
            villages.value(r, 3, v.target());
            rate(villages, r++, 4, v.rate());
        }
        Worksheet devices = workbook.newWorksheet("设备");
        header(devices, "设备", "乡镇", "最后上传", "未上传天数", "状态");
        r = 1;
        for (CountyProgress.Device d : report.devices()) {
            devices.value(r, 0, d.device());
            devices.value(r, 1, d.township());
            devices.value(r, 2, d.lastUpload() == null ? "从未上传" : TIME.format(d.lastUpload()));
            if (d.daysSilent() != null) {
                devices.value(r, 3, d.daysSilent());
            }
            devices.value(r++, 4, d.silent() ? "超过" + report.silentDays() + "天未上传" : "正常");
        }
        workbook.finish();
        return out.toByteArray();
    }

    private static void header(Worksheet sheet, String... names) {
        for (int c = 0; c < names.length; c++) {
            sheet.value(0, c, names[c]);
            sheet.style(0, c).bold().set();
        }
    }

    private static void townshipLine(Worksheet sheet, int r, CountyProgress.Township t) {
        sheet.value(r, 0, t.township());
        long[] values = {t.households(), t.persons(), t.enrollments(), t.target()};
        for (int c = 0; c < values.length; c++) {
            sheet.value(r, c + 1, values[c]);
        }
        rate(sheet, r, 5, t.rate());
        sheet.value(r, 6, t.lowIncome());
        sheet.value(r, 7, t.lowIncomeEnrolled());
        rate(sheet, r, 8, t.lowIncomeRate());
        sheet.value(r, 9, t.renewalsToDo());
        sheet.value(r, 10, t.waitingFix());
    }

    private static void rate(Worksheet sheet, int r, int c, BigDecimal rate) {
        if (rate != null) {
            sheet.value(r, c, rate);
            sheet.style(r, c).format("0.0%").set();
        }
    }
}
