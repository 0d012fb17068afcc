"""Render a Django template to PDF with WeasyPrint and the bundled Amiri font.

Shared by every PDF of the app (sign-in sheets, certificates, strategic
plans, reports). Amiri is used because its text layer extracts back to the
same Arabic words (DESIGN.md); one FontConfiguration serves both the CSS and
write_pdf, as WeasyPrint needs for @font-face to take effect.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

FONT_FILES = {
    "normal": "fonts/amiri/Amiri-Regular.ttf",
    "bold": "fonts/amiri/Amiri-Bold.ttf",
}


def _font_css():
    rules = []
    for weight, path in FONT_FILES.items():
        location = finders.find(path)
        rules.append(f'@font-face {{ font-family: "Amiri"; font-weight: {weight}; src: url("file://{location}"); }}')
    return "\n".join(rules)


def render_pdf(template_name, context, request=None):
    """Return the PDF bytes of template_name rendered with context."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context, request=request)
    font_config = FontConfiguration()
    fonts = CSS(string=_font_css(), font_config=font_config)
    return HTML(string=html).write_pdf(stylesheets=[fonts], font_config=font_config)


def pdf_response(pdf, filename):
    """An HTTP response that downloads pdf as filename (ASCII-safe, .pdf added)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    safe = slugify(filename, allow_unicode=False) or "document"
    response["Content-Disposition"] = f'attachment; filename="{safe}.pdf"'
    return response
