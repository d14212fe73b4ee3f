"""Browser journey: municipal staff write a Japanese-only article with the
editor's toolbar (an image without alt text is refused), preview it and
publish it; the English page shows the Japanese text with a note."""

import pytest
from playwright.sync_api import expect

from portal.models import Article


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_publish_a_japanese_only_article_shown_on_the_english_page(
    page, browser_login, municipal_staff, axe_check
):
    browser_login(page, municipal_staff)
    page.goto(f"{page.base_url}/awareness/manage/new/")
    page.fill("input[name=title_ja]", "介護と仕事の両立")
    # The address is made from the title while it is typed.
    expect(page.locator("input[name=slug]")).to_have_value("kaigo-shigoto-ryoritsu")
    page.fill("textarea[name=summary_ja]", "働きながら家族を介護する人へ")

    body = page.locator("textarea[name=body_ja]")
    toolbar = page.get_by_role("toolbar", name="書式：本文（日本語・Markdown）")
    body.fill("休みの制度")
    toolbar.get_by_role("button", name="見出し").click()
    body.press("End")
    body.press("Enter")
    body.press("Enter")
    body.type("介護休業")
    toolbar.get_by_role("button", name="箇条書き", exact=True).click()
    body.press("End")
    body.press("Enter")
    # An image without alt text is refused with a message; with it, it is inserted.
    toolbar.get_by_role("button", name="画像", exact=True).click()
    page.fill("#id_body_ja-image-url", "/static/img/salon.jpg")
    toolbar.get_by_role("button", name="画像を挿入").click()
    page.wait_for_selector("text=説明（代替テキスト）のない画像は挿入できません")
    assert "salon.jpg" not in body.input_value()
    assert page.evaluate("document.activeElement.id") == "id_body_ja-image-alt"
    page.fill("#id_body_ja-image-alt", "サロンで話す人たち")
    page.press("#id_body_ja-image-alt", "Enter")  # inserts; does not submit the form
    text = body.input_value()
    assert text.startswith("## 休みの制度\n\n- 介護休業\n")
    assert "![サロンで話す人たち](/static/img/salon.jpg)" in text
    assert Article.objects.filter(title_ja="介護と仕事の両立").count() == 0

    page.check("input[name=audiences][value=carers]")
    axe_check(page)
    page.get_by_role("button", name="プレビュー").click()
    page.wait_for_selector("#preview-no-english")
    assert page.locator("#preview-address").inner_text() == "/awareness/kaigo-shigoto-ryoritsu/"
    assert page.locator(".preview-body img[alt='サロンで話す人たち']").count() == 1
    page.get_by_role("button", name="公開").click()
    page.wait_for_selector("text=記事を公開しました")

    article = Article.objects.get(title_ja="介護と仕事の両立")
    assert article.slug == "kaigo-shigoto-ryoritsu" and not article.has_english
    assert article.municipality_id == "011002"

    page.goto(f"{page.base_url}/en/awareness/kaigo-shigoto-ryoritsu/")
    note = page.locator("#no-translation")
    assert "has not been translated into English yet" in note.inner_text()
    assert page.locator("h1 [lang=ja]").inner_text() == "介護と仕事の両立"
    assert page.locator("article [lang=ja] h2").first.inner_text() == "休みの制度"
    axe_check(page)
