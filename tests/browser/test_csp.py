"""The Content-Security-Policy in a real browser: the main public and staff pages load without a
single violation, and the controls whose scripts moved out of the templates still work."""

from datetime import date

import pytest
from playwright.sync_api import expect

from gongkai.applications.testing import PERSON_ID
from gongkai.disclosure.testing import released_pdf, replied_case

YEAR = 2025

# Collected before any page script runs (an init script is not itself subject to the page's CSP).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation recorded (console and DOM event); asserts none at the end."""
    console = []
    page.on(
        "console",
        lambda m: (
            console.append(m.text) if "Content Security Policy" in m.text or "Refused to" in m.text else None
        ),
    )
    page.add_init_script(LISTEN)

    def check(where: str) -> None:
        events = page.evaluate("window.__csp || []")
        assert not events and not console, f"{where}: {events} {console}"

    page.csp_check = check
    yield page
    check("the last page")


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.csp_check(url)


@pytest.fixture
def county(transactional_db, world):
    from gongkai.reports.testing import good_workspace, some_applications

    some_applications(world.a, YEAR)
    good_workspace(world.a, YEAR, world.clerk_a, signature=date(2026, 1, 15))
    return world


def test_the_csp_header_is_strict(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no nonce: no inline script at all
    assert "unsafe-inline" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"


def test_public_pages_without_violations(live_server, watched, county):
    page, base = watched, live_server.url
    for path in ("/", "/catalogue/", "/agencies/", "/apply/", f"/apply/to/{county.a.code}/", "/apply/track/"):
        visit(page, base + path)
    visit(page, f"{base}/hotline/")
    visit(page, f"{base}/interaction/ask/")

    # the online application goes through, and the receipt's print button (site.js) prints
    visit(page, f"{base}/apply/to/{county.a.code}/")
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("姓名或名称").fill("王建华")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(PERSON_ID)
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("电子邮箱").fill("wjh@example.com")
    page.get_by_label("所需政府信息").fill("示例县学校布局调整方案")
    page.get_by_label("政府信息的提供形式").select_option("electronic")
    page.get_by_label("获取信息的方式").select_option("email")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    page.csp_check("the receipt (its <style> carries the nonce)")
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name="打印回执").click()
    assert page.evaluate("window.__printed") == 1


def test_staff_pages_without_violations_and_their_scripts_work(live_server, watched, county, login, tmp_path):
    page, base, a = watched, live_server.url, county.a.code
    login(page, county.clerk_a)
    page.csp_check("the login and the desk")
    case = replied_case(county.a, county.clerk_a)
    for path in (
        "/staff/",
        "/staff/applications/",
        f"/staff/applications/{a}/",
        f"/staff/applications/{a}/{case.pk}/",
        f"/staff/reports/{a}/{YEAR}/preview/",
        f"/staff/hotline/{a}/",
    ):
        visit(page, base + path)

    # the reports workspace: htmx re-runs the checks as the text changes, workspace.js inserts a sentence
    visit(page, f"{base}/staff/reports/{a}/{YEAR}/")
    area = page.locator("#id_overview_on_request")
    area.fill("")
    page.locator(".section-field", has=area).locator("button[data-insert]").first.click()
    expect(area).not_to_have_value("")
    expect(page.locator("#findings")).to_contain_text("全部检查通过")
    page.csp_check("the workspace after htmx swapped the findings")

    # the redaction plan: its script moved to disclosure/plan.js; a checkbox marks the text at once
    released = tmp_path / "说明.pdf"
    released.write_bytes(released_pdf())
    visit(page, f"{base}/staff/applications/{a}/{case.pk}/")
    page.get_by_role("button", name="转为主动公开").click()
    page.locator("input[type=file]").set_input_files(str(released))
    page.get_by_role("button", name="上传并识别").click()
    text = page.locator(".redact-text")
    expect(text.locator("mark", has_text="李明")).to_be_visible()
    page.get_by_role("checkbox", name="李明").uncheck()
    expect(text.locator("mark.rejected", has_text="李明")).to_be_visible()
    page.csp_check("the redaction plan")


def test_the_report_preview_shows_the_styled_report(live_server, watched, county, login):
    page, base = watched, live_server.url
    login(page, county.clerk_a)
    visit(page, f"{base}/staff/reports/{county.a.code}/{YEAR}/preview/")
    frame = page.frame_locator("iframe.preview-frame")
    # the report's own stylesheet applied inside the frame (allowed by its hash): collapsed borders
    collapse = frame.locator("table").first.evaluate("t => getComputedStyle(t).borderCollapse")
    assert collapse == "collapse"


def test_no_dialog_opens_on_the_staff_case_page_for_an_attackers_application(live_server, page, world, login):
    """Stored XSS in a real browser: the payloads the public typed show as text, and no script of
    theirs runs (an alert would open a dialog)."""
    from gongkai.applications.services import submit_online
    from gongkai.applications.testing import applicant

    payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    app = submit_online(
        world.a, applicant(name="王" + payload, address=payload, description="所需信息" + payload)
    ).application
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, world.clerk_a)
    for url in (f"/staff/applications/{world.a.code}/{app.pk}/", f"/staff/applications/{world.a.code}/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    page.goto(f"{live_server.url}/staff/applications/{world.a.code}/{app.pk}/")
    expect(page.get_by_text("所需信息<script>alert(1)</script>", exact=False).first).to_be_visible()
    page.wait_for_timeout(300)
    assert dialogs == []


def test_supervision_checker_and_api_docs_without_violations(live_server, watched, world, login):
    from gongkai.supervision.tests.fixtures import YEAR as SUP_YEAR
    from gongkai.supervision.tests.fixtures import build_quality_region

    build_quality_region(world)
    page, base, c = watched, live_server.url, world.county.code
    login(page, world.supervisor)
    for path in (
        f"/staff/supervision/{c}/{SUP_YEAR}/",
        f"/staff/supervision/{c}/{SUP_YEAR}/region/",
        f"/staff/supervision/{c}/{SUP_YEAR}/quality/",
        f"/staff/supervision/{c}/{SUP_YEAR}/chart/outcomes/",
        "/staff/checker/",
        "/api/v1/docs",
    ):
        visit(page, base + path)
