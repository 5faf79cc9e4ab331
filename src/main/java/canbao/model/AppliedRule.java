package canbao.model;

/**
 * One rule that shaped a quote: the notice and clause it comes from
 * ({@code 渝医保发〔2021〕70号 二}), a sentence a clerk can read aloud, and whether the figure it
 * uses is provisional (待区县核定) until the county signs the year's table.
 */
public record AppliedRule(String cite, String text, boolean provisional) {

    public AppliedRule(String cite, String text) {
        this(cite, text, false);
    }
}
