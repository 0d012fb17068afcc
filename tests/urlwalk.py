"""Every URL pattern of the project, as a path a browser could ask for."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        regex = prefix + entry.pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, regex, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or entry.lookup_str}", regex


def all_urls(sample="1"):
    """(name, path) for every pattern, each parameter filled with sample."""
    seen = set()
    for name, regex in _walk(get_resolver().url_patterns):
        template, params = normalize(regex)[0]
        path = "/" + template % {param: sample for param in params}
        if path not in seen:
            seen.add(path)
            yield name, path
