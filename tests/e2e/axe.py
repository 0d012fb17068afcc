"""Run axe-core (vendored in static/) on the page open in a Playwright page."""

SERIOUS = {"serious", "critical"}


def serious_violations(page, live_server):
    """axe's serious and critical violations of the page, as readable strings."""
    # Loaded from our own host: the Content-Security-Policy allows no other script.
    page.add_script_tag(url=f"{live_server.url}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
