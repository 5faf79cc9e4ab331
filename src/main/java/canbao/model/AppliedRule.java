package canbao.model;

/**
 * One rule that shaped a quote: the notice and clause it comes from
 * ({@code 渝医保发〔2021〕70号 二}) and a sentence a clerk can read aloud.
 */
public record AppliedRule(String cite, String text) {
}
