"""What a file is, by its content, never by its name; refused with a message saying why.

Accepted (the paper trail of the field reports: scans and photos, the study, drafts, letters):
  - photos and scans: JPEG, PNG, WebP (decoded by Pillow; a thumbnail is made);
  - PDF, without scripts, launch actions, embedded files or encryption;
  - Word (.docx) and Excel (.xlsx): a zip with the parts of the format and no macros.
Not accepted: HEIC (Pillow cannot read it here; phones send JPEG from a web form), the old
.doc/.xls, SVG (it can carry script), plain text (no signature to check, and nothing in the
field asks for it), anything else.
"""

import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_BOX = (320, 320)
IMAGE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
PDF_TYPE = ("application/pdf", ".pdf")
DOCX_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
# What the phone's file picker is told to offer (the server decides by content anyway).
ACCEPT = "image/*,application/pdf,.pdf,.docx,.xlsx," + DOCX_TYPE[0] + "," + XLSX_TYPE[0]

# A PDF action or part that runs or carries something: refused. Names are compared after
# #xx escapes are decoded (/J#61vaScript is /JavaScript), in the file and in its compressed
# object streams (where PDF 1.5+ keeps dictionaries); page content streams hold no actions.
PDF_FORBIDDEN = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia", b"XFA"}
_DELIMITER = rb"[\s/<>\[\]()%{}]"
PDF_PLAIN_NAME = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|Encrypt|ObjStm)(?=" + _DELIMITER + rb"|$)"
)
PDF_ESCAPED_NAME = re.compile(
    rb"/((?:(?!" + _DELIMITER + rb").)*#[0-9A-Fa-f]{2}(?:(?!" + _DELIMITER + rb").)*)", re.DOTALL
)
PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
PDF_DICTIONARY_REACH = 1024  # how far before "stream" its dictionary is looked for
PDF_MAX_INFLATED = 16 * 1024 * 1024
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024


class Rejected(Exception):
    """The file is refused; str(self) says why, in the user's language."""


@dataclass
class Inspected:
    content_type: str
    extension: str
    thumbnail: bytes | None = None  # JPEG bytes, for images


def inspect(upload):
    """Check upload by its content; return what it is (and a thumbnail for an image) or raise Rejected."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise Rejected(too_large_message(upload.size))
    if upload.size == 0:
        raise Rejected(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if (
        head.startswith(b"\xff\xd8\xff")
        or head.startswith(b"\x89PNG\r\n\x1a\n")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    ):
        return _image(upload)
    if head.startswith(b"%PDF-"):
        _check_pdf(upload.read())
        return Inspected(*PDF_TYPE)
    if head.startswith(b"PK\x03\x04"):
        return Inspected(*_office_type(upload))
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        raise Rejected(
            _(
                "HEIC photos cannot be read here. Send the photo as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)."
            )
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Rejected(
            _(
                "This is an old Word or Excel file (.doc, .xls) or a password-protected one. Save it as .docx or .xlsx without a password."
            )
        )
    raise Rejected(not_accepted_message())


def too_large_message(size=None):
    limit = filesizeformat(settings.ATTACHMENT_MAX_BYTES)
    if size is None:
        return _("The file is too large; the largest file accepted is %(limit)s.") % {"limit": limit}
    return _("The file is %(size)s; the largest file accepted is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": limit,
    }


def not_accepted_message():
    return _(
        "This kind of file is not accepted. Attach a photo (JPEG, PNG, WebP), a PDF, a Word document (.docx) or an Excel workbook (.xlsx)."
    )


# Images ------------------------------------------------------------------------------


def _image(upload):
    damaged = Rejected(_("The image could not be read: it is damaged or not really an image."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:  # reads the header only: the size is known before decoding
                if image.format not in IMAGE_FORMATS:
                    raise damaged
                _check_pixels(*image.size)
                content_type, extension = IMAGE_FORMATS[image.format]
                thumbnail = _thumbnail(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Rejected(_bomb_message()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, zlib.error):
        raise damaged from None
    finally:
        upload.seek(0)
    return Inspected(content_type, extension, thumbnail)


def _check_pixels(width, height):
    if width < 1 or height < 1 or width * height > settings.ATTACHMENT_MAX_PIXELS:
        raise Rejected(_bomb_message(width, height))


def _bomb_message(width=None, height=None):
    limit = settings.ATTACHMENT_MAX_PIXELS // 1_000_000
    if width is None:
        return _("The image is too large to open (more than %(limit)s million pixels).") % {"limit": limit}
    return _("The image declares %(width)s × %(height)s pixels; the largest accepted is %(limit)s million pixels.") % {
        "width": width,
        "height": height,
        "limit": limit,
    }


def _thumbnail(image):
    """A small JPEG of image, turned upright by its EXIF orientation, with no metadata at all."""
    image.draft("RGB", (THUMBNAIL_BOX[0] * 2, THUMBNAIL_BOX[1] * 2))  # JPEG: decode at a fraction of the size
    image.seek(0)
    small = image.copy()
    small.thumbnail(THUMBNAIL_BOX)
    small = ImageOps.exif_transpose(small)
    if small.mode in ("RGBA", "LA", "P", "PA"):
        rgba = small.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        small = flat
    else:
        small = small.convert("RGB")
    clean = Image.new("RGB", small.size)  # a fresh image: no EXIF (GPS), XMP, ICC or comment is carried over
    clean.paste(small)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


# PDF ---------------------------------------------------------------------------------


def _check_pdf(data):
    names = _pdf_names(data)
    budget = PDF_MAX_INFLATED
    for match in PDF_STREAM.finditer(data):
        header = data[max(0, match.start() - PDF_DICTIONARY_REACH) : match.start()]
        header = header[max(header.rfind(b"endstream"), header.rfind(b"endobj"), -1) + 1 :]  # this object's own
        if (b"ObjStm" not in header and b"#" not in header) or b"ObjStm" not in _pdf_names(header):
            continue  # a page's drawing, an image, a font: no dictionaries, so no actions, in it
        end = data.find(b"endstream", match.end())
        try:
            inflated = zlib.decompressobj().decompress(data[match.end() : end if end >= 0 else None], budget + 1)
        except zlib.error:
            if b"/Filter" not in header:
                continue  # not compressed: the scan of the whole file saw it
            raise Rejected(_("The PDF is too complex to check. Print it to a new PDF and attach that.")) from None
        budget -= len(inflated)
        if budget < 0:
            raise Rejected(_("The PDF is too complex to check. Print it to a new PDF and attach that."))
        names |= _pdf_names(inflated)
    if b"Encrypt" in names:
        raise Rejected(_("The PDF is password-protected. Attach a copy without a password."))
    if names & PDF_FORBIDDEN:
        raise Rejected(
            _(
                "The PDF contains scripts, actions or embedded files, which are refused. "
                "Print it to a new PDF and attach that."
            )
        )


def _pdf_names(data):
    """The names among PDF_FORBIDDEN, Encrypt and ObjStm that data holds, #xx escapes decoded."""
    names = {match.group(1) for match in PDF_PLAIN_NAME.finditer(data)}
    for match in PDF_ESCAPED_NAME.finditer(data) if b"#" in data else ():
        names.add(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group(1)))
    return names


# Word and Excel ------------------------------------------------------------------------


def _office_type(upload):
    wrong = Rejected(not_accepted_message())
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MAX_MEMBERS or sum(m.file_size for m in members) > ZIP_MAX_UNPACKED:
                raise Rejected(_("The document holds too much data once unpacked."))
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                raise wrong
            if any(n.lower().endswith(("vbaproject.bin", "vbadata.xml")) for n in names):
                raise Rejected(_("Documents with macros are refused. Save it as a plain .docx or .xlsx."))
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                raise wrong
            types = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, NotImplementedError):
        raise wrong from None
    finally:
        upload.seek(0)
    if b"macroEnabled" in types:
        raise Rejected(_("Documents with macros are refused. Save it as a plain .docx or .xlsx."))
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
        return DOCX_TYPE
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
        return XLSX_TYPE
    raise wrong
