package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The county operator's progress page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium): sign in with the operator token, read the figures the
 * operator reads and find them equal to {@code /api/v1/stats}, a silent device flagged, the export
 * holding the same figures; screenshots at 1366×768 and at a phone's size are kept in {@code target/}.
 */
class CountyPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZHANG = "\"birthDate\":\"1980-03-15\",\"idNumber\":\"500230198003151079\"";
    private static final String LI = "\"birthDate\":\"1982-07-07\",\"idNumber\":\"500230198207073877\"";

    @TempDir
    Path folder;

    @Test
    void operatorSignsInAndReadsTheFiguresOfTheStatsWithASilentDeviceFlagged() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("chromium and chromium-driver are missing: .ci/run installs them");
            }
            Assumptions.abort("no chromium / chromedriver: apt-get install chromium chromium-driver");
        }
        String url = "jdbc:sqlite:" + folder.resolve("hub.db");
        // 柏梓镇's counter last uploaded ten days ago
        try (Hub earlier = Hub.open(url, Clock.offset(Clock.systemUTC(), Duration.ofDays(-10)))) {
            earlier.registerDevice("柏梓镇-1", "柏梓镇");
            assertAllAccepted(earlier.receive("柏梓镇-1", batch("柏梓镇",
                    new SyncRecord("household", "h-b", 1, "{\"number\":\"0101\",\"village\":\"柏梓村\"}"),
                    new SyncRecord("person", "p-b", 1, "{\"household\":\"h-b\"," + LI + "}"),
                    enrollment("e-b", "p-b", 2022, "2022-01-10", 32000, "2022-01-01"))));
        }
        try (Hub hub = Hub.open(url, Clock.systemUTC())) {
            hub.registerDevice("兴义镇-1", "兴义镇");
            hub.registerDevice("新设备-1", "龙河镇"); // issued, never uploaded
            BatchAnswer xingyi = hub.receive("兴义镇-1", batch("兴义镇",
                    new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\",\"village\":\"兴义村\"}"),
                    new SyncRecord("person", "p-1", 1, "{\"household\":\"h-1\"," + ZHANG + "}"),
                    new SyncRecord("person_category", "c-1", 1, "{\"person\":\"p-1\",\"code\":\"DIBAO\",\"deleted\":false}"),
                    enrollment("e-1", "p-1", 2022, "2022-07-15", 3200, "2022-07-15"),
                    // a quote the hub does not confirm: refused, waiting for the counter's fix
                    enrollment("e-2", "p-1", 2021, "2021-07-15", 0, "2021-07-15"),
                    new SyncRecord("household", "h-2", 1, "{\"number\":\"0013\",\"village\":\"石门村\"}"),
                    new SyncRecord("person", "p-2", 1, "{\"household\":\"h-2\",\"birthDate\":\"1990-01-01\","
                            + "\"idNumber\":\"500230199001010015\"}")));
            assertEquals("QUOTE_MISMATCH", xingyi.results().get(4).code(), xingyi.results()::toString);
            String operatorToken = hub.registerOperator("李科长");

            try (HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
                String base = "http://127.0.0.1:" + server.port();
                WebDriver browser = browser();
                try {
                    browse(browser, base, operatorToken);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /** A form's answer is a redirect: wait (10 s at most) for the page it leads to, not the title mid-way. */
    private static void awaitTitle(WebDriver browser, String title) throws InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!title.equals(browser.getTitle()) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    private void browse(WebDriver browser, String base, String operatorToken) throws Exception {
        browser.get(base + "/");
        assertEquals("参保通 · 区县登录", browser.getTitle());
        browser.findElement(By.id("token")).sendKeys("not-a-token");
        browser.findElement(By.id("signin")).click();
        assertTrue(browser.findElement(By.id("error")).getText().startsWith("令牌无效或已被停用"));

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(operatorToken);
        browser.findElement(By.id("signin")).click();
        // the form's answer is a redirect to the page: wait for it rather than read the title mid-way
        awaitTitle(browser, "参保通 · 区县参保进度");
        assertEquals("参保通 · 区县参保进度", browser.getTitle());
        Cookie session = browser.manage().getCookieNamed(CountyPage.COOKIE);
        assertTrue(session.isHttpOnly(), "the session cookie is out of scripts' reach");
        assertFalse(session.getValue().contains(operatorToken), "the cookie is not the token");

        // the figures equal /api/v1/stats (read with the same operator's token)
        JsonNode stats = JSON.readTree(get(base + "/api/v1/stats", "Bearer " + operatorToken, null)).get("stats");
        int shown = 0;
        for (JsonNode row : stats) {
            if (row.get("policyYear").asInt() != 2022) {
                continue;
            }
            WebElement line = browser.findElement(By.cssSelector(
                    "#townships tr[data-township='" + row.get("township").asText() + "']"));
            for (String field : List.of("households", "persons", "enrollments")) {
                assertEquals(row.get(field).asText(), line.findElement(By.cssSelector("td[data-field='" + field + "']"))
                        .getText(), row.get("township").asText() + " " + field);
            }
            shown++;
        }
        assertEquals(2, shown, "兴义镇 and 柏梓镇 enrolled in 2022");
        WebElement xingyi = browser.findElement(By.cssSelector("#townships tr[data-township='兴义镇']"));
        assertEquals("2", field(xingyi, "target"), "two persons uploaded");
        assertEquals("50.0%", field(xingyi, "rate"));
        assertEquals("1", field(xingyi, "low-income"));
        assertEquals("1", field(xingyi, "low-income-enrolled"));
        assertEquals("1", field(xingyi, "waiting"), "the refused 2021 enrolment waits for its fix");
        assertEquals("0 / 1", browser.findElement(By.cssSelector("#villages tr[data-village='石门村'] td[data-field='persons']"))
                .getText() + " / " + browser.findElement(By.cssSelector("#villages tr[data-village='石门村'] "
                + "td[data-field='target']")).getText());
        assertTrue(browser.findElement(By.id("chart")).isDisplayed());

        // devices: 柏梓镇-1 silent ten days and 新设备-1 never heard from are flagged; 兴义镇-1 is not
        WebElement baizi = browser.findElement(By.cssSelector("#devices tr[data-device='柏梓镇-1']"));
        assertEquals("silent", baizi.getAttribute("class"));
        assertEquals("超过3天未上传", field(baizi, "status"));
        assertEquals("超过3天未上传", field(browser.findElement(By.cssSelector("#devices tr[data-device='新设备-1']")),
                "status"));
        assertEquals("正常", field(browser.findElement(By.cssSelector("#devices tr[data-device='兴义镇-1']")), "status"));
        assertEquals("2 / 3", browser.findElement(By.id("silent-devices")).getText());

        Path target = Path.of(System.getProperty("user.dir"), "target");
        Files.createDirectories(target);
        Files.write(target.resolve("county-progress-1366x768.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(noSidewaysScroll(browser), "1366×768: the page fits the width");
        browser.manage().window().setSize(new Dimension(390, 844));
        assertTrue(noSidewaysScroll(browser), "a phone: only the tables scroll sideways, not the page");
        Files.write(target.resolve("county-progress-phone.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // the export holds the same figures, with the session the browser holds
        byte[] xlsx = get(base + browser.findElement(By.id("export")).getAttribute("href").substring(base.length()),
                null, CountyPage.COOKIE + "=" + session.getValue());
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Map<String, Row> rows = workbook.getFirstSheet().read().stream().skip(1)
                    .collect(Collectors.toMap(r -> r.getCellText(0), r -> r));
            assertEquals("1", rows.get("兴义镇").getCellText(2));
            assertEquals("1", rows.get("柏梓镇").getCellText(2));
            assertEquals("2", rows.get("合计").getCellText(2));
        }

        browser.findElement(By.cssSelector("header form button")).click();
        awaitTitle(browser, "参保通 · 区县登录");
        assertEquals("参保通 · 区县登录", browser.getTitle(), "signed out");
        browser.get(base + "/");
        assertEquals("参保通 · 区县登录", browser.getTitle());
    }

    private static boolean noSidewaysScroll(WebDriver browser) {
        Object fits = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    private static String field(WebElement row, String field) {
        return row.findElement(By.cssSelector("td[data-field='" + field + "']")).getText();
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // a form's answer is a new page: an element of it is looked for until it is there (10 s at most),
        // not read from the page the click left (seen once under load: "no such element: #error")
        driver.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(10));
        return driver;
    }

    private static byte[] get(String url, String authorization, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    private static void assertAllAccepted(BatchAnswer answer) {
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
    }

    private static SyncRecord enrollment(String id, String person, int year, String paid, long payableFen, String start) {
        return new SyncRecord("enrollment", id, 1, ("{\"person\":\"%s\",\"policyYear\":%d,\"status\":\"paid\","
                + "\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"%s\",\"payableFen\":%d,\"benefitStart\":\"%s\"}")
                .formatted(person, year, paid, payableFen, start));
    }

    private static UploadBatch batch(String township, SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "d", township, "王芳", List.of(records));
    }
}
