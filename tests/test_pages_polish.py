"""Pages read right: selects say "choose", lists use the language's comma, the plan page names
quarters as its PDF, the SWOT editor groups items by category, filters fold on a phone."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from coaching.forms import PlanCreateForm, SwotFormSet
from coaching.models import Goal, Objective, SwotItem
from core.lists import join_names
from organizations.forms import OrganizationForm, PersonFilterForm, PersonForm
from tests.coaching.helpers import page_data
from tests.factories import OrganizationFactory, StrategicPlanFactory


def options(html, name):
    """(value, text) of the options of the select named name in html."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [OrganizationForm, PersonForm, PlanCreateForm])
def test_a_select_empty_choice_says_choose_not_dashes(form_class):
    with translation.override("en"):
        html = str(form_class())
    assert "---------" not in html
    # A select with an empty choice (a field with a default has none) names it.
    blanks = {
        name: text
        for name in re.findall(r'<select name="(\w+)"', html)
        for value, text in options(html, name)
        if not value
    }
    assert blanks and set(blanks.values()) == {"— choose —"}, blanks


@pytest.mark.django_db
def test_a_filter_bar_keeps_all_for_its_empty_choice():
    with translation.override("en"):
        html = str(PersonFilterForm())
    assert options(html, "region")[0] == ("", "All") and "choose" not in html


def test_lists_of_names_use_the_arabic_comma_in_arabic_only():
    names = ["توتول", "نبض", "<b>ماري</b>"]
    with translation.override("ar"):
        assert join_names(names[:2]) == "توتول، نبض"
        rendered = Template("{% load lists %}{{ names|join_names }}").render(Context({"names": names}))
        assert rendered == "توتول، نبض، &lt;b&gt;ماري&lt;/b&gt;"
    with translation.override("en"):
        assert join_names(["Tuttul", "Nabd"]) == "Tuttul, Nabd"


@pytest.fixture
def plan(db):
    plan = StrategicPlanFactory(language="en", start_year=2021, years=3)
    goal = Goal.objects.create(plan=plan, order=1, text="Reach more families")
    Objective.objects.create(
        goal=goal, order=1, text="Open a second office", start_year=2021, start_quarter=2, end_year=2022, end_quarter=4
    )
    for order, (category, text) in enumerate(
        [("T", "Rising prices"), ("S", "Trusted volunteers"), ("W", "One donor"), ("S", "Known locally")], start=1
    ):
        SwotItem.objects.create(plan=plan, order=order, category=category, text=text)
    return plan


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_plan_page_names_quarters_as_its_pdf(staff_client, plan):
    from coaching.templatetags.coaching_pdf import quarter

    html = staff_client.get(reverse("coaching:plan_detail", args=[plan.pk])).content.decode()
    with translation.override(plan.language):  # the PDF is written in the plan's language
        start, end = text_of(quarter((2021, 2))), text_of(quarter((2022, 4)))
    assert f"{start} – {end}" in text_of(html)
    assert "2021 Q2" not in html


def test_the_swot_editor_groups_items_by_category_with_an_empty_row_each(staff_client, plan):
    html = staff_client.get(reverse("coaching:plan_edit", args=[plan.pk])).content.decode()
    editor = html.split('class="rows swot-editor')[1].split("</fieldset>")[0]
    groups = re.findall(r'<section class="swot-group swot-(\w)".*?</section>', editor, re.S)
    assert groups == ["S", "W", "O", "T"]
    sections = dict(re.findall(r'<section class="swot-group swot-(\w)"(.*?)</section>', editor, re.S))
    assert "Trusted volunteers" in sections["S"] and "Known locally" in sections["S"]
    assert "One donor" in sections["W"] and "Rising prices" in sections["T"]
    assert "Trusted volunteers" not in sections["T"]
    # Each group has one empty row, already filed under that category.
    for code, section in sections.items():
        chosen = re.findall(r'name="swot-\d+-category"[^>]*>.*?<option value="(\w)" selected', section, re.S)
        assert set(chosen) == {code}, (code, chosen)


def test_empty_rows_of_the_swot_editor_are_left_out_and_a_filled_one_is_kept(staff_client, plan):
    url = reverse("coaching:plan_edit", args=[plan.pk])
    data = page_data(staff_client.get(url))
    extra = int(data["swot-INITIAL_FORMS"])  # the first empty row, filed under S
    data[f"swot-{extra + 2}-text"] = "A new park nearby"  # the empty row of O
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("formsets")
    items = list(plan.swot_items.order_by("category", "order").values_list("category", "text"))
    assert ("O", "A new park nearby") in items and len(items) == 5


def test_swot_formset_with_only_categories_is_unchanged(plan):
    formset = SwotFormSet(instance=plan)
    assert [form.initial.get("category") for form in formset.extra_forms] == ["S", "W", "O", "T"]
    assert not any(form.has_changed() for form in formset.extra_forms)


@pytest.mark.django_db
def test_a_list_page_folds_its_filters_on_a_phone_and_opens_them_when_used(staff_client):
    OrganizationFactory(name_ar="توتول")
    html = staff_client.get(reverse("organizations:organization_list")).content.decode()
    button = re.search(r'<button[^>]*data-bs-target="#filters"[^>]*>', html).group(0)
    assert 'aria-expanded="false"' in button and "d-md-none" in button
    assert re.search(r'<div class="collapse d-md-block" id="filters">\s*<form', html)
    html = staff_client.get(reverse("organizations:organization_list"), {"q": "توتول"}).content.decode()
    assert 'class="collapse d-md-block show" id="filters"' in html


@pytest.mark.django_db
def test_a_list_table_can_be_scrolled_from_the_keyboard(staff_client):
    OrganizationFactory()
    html = staff_client.get(reverse("organizations:organization_list")).content.decode()
    wrapper = re.search(r'<div class="table-responsive"[^>]*>', html).group(0)
    assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper and 'aria-labelledby="page-heading"' in wrapper
    assert 'id="page-heading"' in html


@pytest.mark.parametrize(("language", "joined"), [("ar", "التعليم، الصحة"), ("en", "Education, Health")])
def test_an_organisation_page_lists_its_focus_areas_with_the_language_comma(staff_client, language, joined):
    from organizations.models import FocusArea

    org = OrganizationFactory()
    org.focus_areas.set(
        [
            FocusArea.objects.create(name_ar="التعليم", name_en="Education"),
            FocusArea.objects.create(name_ar="الصحة", name_en="Health"),
        ]
    )
    staff_client.cookies["django_language"] = language
    html = staff_client.get(org.get_absolute_url()).content.decode()
    assert joined in html
