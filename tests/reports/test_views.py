"""Who sees the dashboard and who downloads the reports; what the page shows."""

import re

import pytest
from django.urls import reverse

from capacity.reports import access
from core.roles import STAFF
from tests.factories import UserFactory


def urls(project):
    return {
        "dashboard": reverse("reports:dashboard", args=[project.pk]),
        "pdf": reverse("reports:pdf", args=[project.pk]),
        "excel": reverse("reports:excel", args=[project.pk]),
    }


@pytest.mark.parametrize("name", ["dashboard", "pdf", "excel"])
def test_anonymous_is_sent_to_login(client, programme, name):
    response = client.get(urls(programme.project)[name])
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name", ["dashboard", "pdf", "excel"])
def test_outsider_is_refused(client, outsider_user, programme, name):
    client.force_login(outsider_user)
    assert client.get(urls(programme.project)[name]).status_code == 403


def test_staff_sees_the_figures_but_downloads_nothing(staff_client, programme):
    response = staff_client.get(urls(programme.project)["dashboard"])
    assert response.status_code == 200
    assert urls(programme.project)["pdf"] not in response.content.decode()
    assert staff_client.get(urls(programme.project)["pdf"]).status_code == 403
    assert staff_client.get(urls(programme.project)["excel"]).status_code == 403


def test_report_permission_is_the_excel_export_permission(coordinator_user, staff_user):
    assert access._report_permission() == "excel.export_attendance"
    assert access.can_see_reports(coordinator_user) and not access.can_see_reports(staff_user)


@pytest.mark.parametrize("client_name", ["coordinator_client", "admin_client_role"])
def test_coordinator_and_administrator_download(request, programme, client_name):
    client = request.getfixturevalue(client_name)
    page = client.get(urls(programme.project)["dashboard"]).content.decode()
    assert urls(programme.project)["pdf"] in page and urls(programme.project)["excel"] in page
    pdf = client.get(urls(programme.project)["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    workbook = client.get(urls(programme.project)["excel"])
    assert workbook.status_code == 200 and workbook["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("name", ["dashboard", "pdf", "excel"])
def test_made_up_project_is_404(coordinator_client, name):
    assert coordinator_client.get(reverse(f"reports:{name}", args=[987654])).status_code == 404
    assert coordinator_client.get(reverse(f"reports:{name}", args=[10**30])).status_code == 404


def figure(html, key):
    found = re.search(rf'data-figure="{key}">([^<]*)<', html)
    return found.group(1) if found else None


def test_page_labels_people_counted_once_or_each_time(staff_client, programme):
    html = staff_client.get(urls(programme.project)["dashboard"]).content.decode()
    assert figure(html, "trainees") == "3" and figure(html, "participations") == "5"
    assert "كل شخص مرة واحدة" in html  # each person counted once
    assert "كل حضور" in html  # each attendance counted


def test_filters_narrow_the_page_and_keep_the_download_links_filtered(coordinator_client, programme):
    url = urls(programme.project)["dashboard"]
    html = coordinator_client.get(url, {"region": programme.east.pk}).content.decode()
    assert figure(html, "trainees") == "1"
    assert f"report.pdf?region={programme.east.pk}" in html


def test_bad_filters_show_an_error_and_the_whole_project(staff_client, programme):
    html = staff_client.get(
        urls(programme.project)["dashboard"], {"date_from": "2020-09-01", "date_to": "2020-08-01"}
    ).content.decode()
    assert "invalid-feedback" in html and figure(html, "trainees") == "3"
    html = staff_client.get(urls(programme.project)["dashboard"], {"region": "not-a-number"}).content.decode()
    assert figure(html, "trainees") == "3"


def test_the_filter_form_goes_to_the_chosen_project(staff_client, programme):
    response = staff_client.get(
        reverse("reports:index"), {"project": programme.project.pk, "region": programme.north.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{urls(programme.project)['dashboard']}?region={programme.north.pk}"
    assert staff_client.get(reverse("reports:index"))["Location"] == urls(programme.project)["dashboard"]
    for made_up in ("987654", "9" * 40, "abc"):
        response = staff_client.get(reverse("reports:index"), {"project": made_up})
        assert response["Location"] == urls(programme.project)["dashboard"]


def test_no_project_yet(staff_client):
    response = staff_client.get(reverse("reports:index"))
    assert response.status_code == 200 and "لا يوجد مشروع" in response.content.decode()


def test_charts_are_inline_svg_without_script_or_style(staff_client, programme):
    html = staff_client.get(urls(programme.project)["dashboard"]).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert "<title>" in svg and "<script" not in svg and "style=" not in svg
    assert "style=" not in html and "<script>" not in html
    # the numbers are text in the chart: 3 trainees reached of 30 targeted
    assert re.search(r">30</text>", svgs[0]) and re.search(r">3</text>", svgs[0])


def test_bars_grow_from_the_right_in_arabic_and_from_the_left_in_english(staff_client, programme):
    def first_bar_x(language):
        staff_client.cookies["django_language"] = language
        html = staff_client.get(urls(programme.project)["dashboard"]).content.decode()
        svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group(0)
        x, width = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16"', svg).groups()
        return float(x), float(width)

    x, width = first_bar_x("ar")
    assert x + width == pytest.approx(440 - 140)  # ends at the label column, on the right
    x, _width = first_bar_x("en")
    assert x == 140


def test_page_lists_coming_sessions_of_the_project(staff_client, programme):
    import datetime

    from django.utils import timezone

    from tests.factories import SessionFactory

    workshop = programme.project.workshops.first()
    SessionFactory(workshop=workshop, date=timezone.localdate() + datetime.timedelta(days=2))
    html = staff_client.get(urls(programme.project)["dashboard"]).content.decode()
    assert workshop.title in html


def test_home_page_links_each_project_dashboard(staff_client, programme):
    html = staff_client.get(reverse("home")).content.decode()
    assert urls(programme.project)["dashboard"] in html
    assert "2 / 15" in html and "3 / 30" in html


def test_home_section_hidden_from_outsiders(client, outsider_user, programme):
    client.force_login(outsider_user)
    assert urls(programme.project)["dashboard"] not in client.get(reverse("home")).content.decode()


def test_english_page(staff_client, programme):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(urls(programme.project)["dashboard"]).content.decode()
    assert "each person counted once" in html and 'dir="ltr"' in html


@pytest.mark.django_db
def test_staff_user_without_project_view_is_refused(client):
    user = UserFactory(username="plain")
    client.force_login(user)
    assert client.get(reverse("reports:index")).status_code == 403
    assert STAFF  # staff hold trainings.view_project (checked above with staff_client)


def test_project_panel_links_the_dashboard_and_downloads_by_role(
    rf, programme, staff_user, coordinator_user, outsider_user
):
    from capacity.reports.home import project_panel

    def panel(user):
        request = rf.get("/")
        request.user = user
        return project_panel(request, programme.project)

    assert urls(programme.project)["dashboard"] in panel(staff_user)
    assert urls(programme.project)["pdf"] not in panel(staff_user)
    assert urls(programme.project)["pdf"] in panel(coordinator_user)
    assert panel(outsider_user) == ""


def test_an_organisation_is_chosen_by_typing_its_name(staff_client, programme):
    url = urls(programme.project)["dashboard"]
    html = staff_client.get(url, {"organization": "توتول"}).content.decode()
    assert figure(html, "trainees") == "2" and 'value="توتول"' in html
    # A link from the organisation's page passes the id; the box shows the name.
    html = staff_client.get(url, {"organization": programme.org_b.pk}).content.decode()
    assert figure(html, "trainees") == "1" and 'value="ديرنا"' in html
    assert "<option" not in html.split('id="id_organization"')[1].split(">")[0]  # a box, not a list of all


def test_an_unknown_or_ambiguous_organisation_name_is_a_clear_error(staff_client, programme):
    from tests.factories import OrganizationFactory

    url = urls(programme.project)["dashboard"]
    html = staff_client.get(url, {"organization": "لا أحد بهذا الاسم"}).content.decode()
    assert "لا توجد منظمة باسم" in html and figure(html, "trainees") == "3"
    OrganizationFactory(name_ar="توتول الجديدة")
    html = staff_client.get(url, {"organization": "توتو"}).content.decode()
    assert "تطابق عدة منظمات" in html and "توتول الجديدة" in html and figure(html, "trainees") == "3"
    # The full name picks the one spelt so, even when another name holds it.
    html = staff_client.get(url, {"organization": "توتول"}).content.decode()
    assert figure(html, "trainees") == "2"
    html = staff_client.get(url, {"organization": "987654"}).content.decode()
    assert "لا توجد منظمة كهذه" in html


def test_every_table_of_the_dashboard_can_be_scrolled_from_the_keyboard(staff_client, programme):
    """A phone scrolls the wide tables sideways: each wrapper is focusable and named (axe's scrollable-region-focusable)."""
    html = staff_client.get(urls(programme.project)["dashboard"]).content.decode()
    wrappers = re.findall(r'<div class="table-responsive"[^>]*>', html)
    assert len(wrappers) == 3
    for wrapper in wrappers:
        assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper
        assert re.search(r'aria-label="[^"]+"', wrapper), wrapper


def test_the_dashboard_filters_fold_on_a_phone_unless_they_narrow_the_figures(staff_client, programme):
    url = urls(programme.project)["dashboard"]
    html = staff_client.get(url).content.decode()
    assert 'aria-expanded="false"' in html and 'class="collapse d-md-block" id="filters"' in html
    html = staff_client.get(url, {"region": programme.north.pk}).content.decode()
    assert 'aria-expanded="true"' in html and 'class="collapse d-md-block show" id="filters"' in html


def test_home_counts_agree_with_their_target(staff_client, programme):
    """The noun follows the number before it: one organisation targeted is "organisation"."""
    staff_client.cookies["django_language"] = "en"
    project = programme.project
    project.target_organizations = 1
    project.save(update_fields=["target_organizations"])
    text = re.sub(r"<[^>]+>", "", staff_client.get(reverse("home")).content.decode())
    assert "2 / 1 organisation enrolled" in text and "3 / 30 trainees enrolled" in text
