"""The people import (organizations.Person from an Excel file): read, check, preview, save; and its workbooks.

The one pipeline for people: the app's import pages (trainings.excel.views)
and the admin (which links to them) both use it, with the same matching,
checks, limits and all-or-nothing save.

The file is read with openpyxl (read only) after its size and its magic
(an .xlsx is a zip) are checked; every failure to parse becomes a
FileRejected with a message for the user. build_plan classifies each row as
new, update, unchanged or invalid (with the reasons) without saving;
apply_plan saves a plan with no invalid row, all or nothing.

A person is the same person when the organisation and the normalised full
name (organizations.arabic.normalize) are the same. On an update, an empty
cell leaves the recorded value as it is.

write_template writes the empty list to fill in; write_people writes people in
the same columns (so an exported list can be corrected and imported back),
both through core.excel.
"""

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from core.excel import HEADER, SheetWriter, setup_sheet
from core.lists import join_names
from core.parsing import parse_id
from organizations.arabic import normalize
from organizations.models import Gender, Organization, Person

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
# A 2 MB zip may unpack to far more; refuse "zip bombs" before parsing.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format

NEW, UPDATE, UNCHANGED, INVALID = "new", "update", "unchanged", "invalid"
STATUS_LABELS = {
    NEW: pgettext_lazy("excel", "New"),
    UPDATE: pgettext_lazy("excel", "Update"),
    UNCHANGED: pgettext_lazy("excel", "Unchanged"),
    INVALID: pgettext_lazy("excel", "Invalid"),
}


@dataclass(frozen=True)
class Column:
    name: str  # the Person field
    header: str  # the Arabic header of the template
    label: str  # for the preview, in the user's language
    required: bool = False
    aliases: tuple = ()

    def keys(self):
        return {normalize(self.header), normalize(self.name.replace("_", " ")), *(normalize(a) for a in self.aliases)}


COLUMNS = [
    Column(
        "full_name",
        "الاسم الكامل",
        pgettext_lazy("excel", "Full name"),
        True,
        ("الاسم", "الاسم الثلاثي", "full name", "name"),
    ),
    Column("gender", "الجنس", pgettext_lazy("excel", "Gender"), True, ("gender", "sex")),
    Column(
        "organization",
        "المنظمة",
        pgettext_lazy("excel", "Organisation"),
        True,
        ("الجهة", "organisation", "organization"),
    ),
    Column(
        "position", "المنصب", pgettext_lazy("excel", "Position"), False, ("الصفة", "المسمى الوظيفي", "position", "role")
    ),
    Column("phone", "الهاتف", pgettext_lazy("excel", "Phone"), False, ("رقم الهاتف", "الجوال", "phone", "mobile")),
    Column(
        "email", "البريد الإلكتروني", pgettext_lazy("excel", "Email"), False, ("البريد", "الايميل", "email", "e-mail")
    ),
    Column(
        "birth_year",
        "سنة الميلاد",
        pgettext_lazy("excel", "Birth year"),
        False,
        ("تولد", "birth year", "year of birth"),
    ),
    Column("has_disability", "إعاقة", pgettext_lazy("excel", "Has a disability"), False, ("ذوي اعاقه", "disability")),
    Column("consent", "الموافقة على استخدام البيانات", pgettext_lazy("excel", "Consent"), False, ("موافقه", "consent")),
    Column("notes", "ملاحظات", pgettext_lazy("excel", "Notes"), False, ("notes",)),
]
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
TEXT_FIELDS = ("full_name", "position", "phone", "email", "notes")
FIELDS = [c.name for c in COLUMNS]

GENDER_WORDS = {
    Gender.FEMALE: ("انثى", "امراه", "سيده", "f", "female", "woman", "w"),
    Gender.MALE: ("ذكر", "رجل", "m", "male", "man"),
}
GENDER_VALUES = {normalize(w): g for g, words in GENDER_WORDS.items() for w in words}
YES_WORDS = {normalize(w) for w in ("نعم", "yes", "y", "true", "1", "x", "✓")}
NO_WORDS = {normalize(w) for w in ("لا", "no", "n", "false", "0")}
# The template's drop-downs offer these.
TEMPLATE_GENDERS = ("أنثى", "ذكر")
TEMPLATE_YES_NO = ("نعم", "لا")


class FileRejected(Exception):
    """The upload cannot be read as a trainee list; message says why, for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class RowResult:
    line: int
    values: dict
    status: str = NEW
    errors: list = field(default_factory=list)
    person: Person | None = None
    changes: list = field(default_factory=list)  # (label, old, new)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass
class Plan:
    rows: list

    def count(self, status):
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self):
        return {status: self.count(status) for status in (NEW, UPDATE, UNCHANGED, INVALID)}

    @property
    def is_valid(self):
        return not any(r.status == INVALID for r in self.rows)

    @property
    def digest(self):
        """A fingerprint of what the preview showed: the confirm must find the same."""
        summary = [
            [r.line, r.status, r.person.pk if r.person else None, [[str(a), str(b), str(c)] for a, b, c in r.changes]]
            for r in self.rows
        ]
        return hashlib.sha256(json.dumps(summary, ensure_ascii=False).encode()).hexdigest()[:32]


# Reading the file -------------------------------------------------------------


def check_upload(upload):
    """Refuse what is too large, empty or not an .xlsx before anything parses it."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise FileRejected(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    if upload.size == 0:
        raise FileRejected(_("The file is empty."))
    upload.seek(0)
    magic = upload.read(4)
    upload.seek(0)
    if magic == OLE_MAGIC:
        raise FileRejected(
            _(
                "This is an old Excel file (.xls) or a password-protected one. Open it in Excel, remove any "
                "password and save it as “Excel Workbook (.xlsx)”."
            )
        )
    if magic != ZIP_MAGIC:
        raise FileRejected(_("This is not an Excel file. Upload an Excel workbook (.xlsx)."))


def read_rows(upload, organization_column=True):
    """Return [(line number, {field: raw value})] of the first sheet, headers matched by name.

    organization_column=False when a default organisation makes that column optional.
    Every bound (sizes in the zip, the sheet's rows, columns and cells) is checked
    before openpyxl reads a row, so a hostile file is refused in a fraction of a second.
    """
    import openpyxl

    check_upload(upload)
    corrupt = _("The file could not be read: it is damaged or not a real Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(upload) as archive:
            check_archive(archive)
            if archive.testzip() is not None:
                raise FileRejected(corrupt)
        upload.seek(0)
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except FileRejected:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors on bad files
        raise FileRejected(corrupt) from error
    try:
        return _rows_of(workbook, organization_column)
    except FileRejected:
        raise
    except Exception as error:
        raise FileRejected(corrupt) from error
    finally:
        workbook.close()


def _rows_of(workbook, organization_column):
    if not workbook.worksheets:
        raise FileRejected(_("The file has no sheet."))
    sheet = workbook.worksheets[0]
    with sheet._get_source() as source:  # the sheet's XML in the zip (openpyxl's own accessor)
        scan = SheetScan().read(source)
    if not scan.max_row:
        raise FileRejected(_("The file is empty: the first sheet has no header row and no rows."))
    columns = None
    rows = []
    # The scanned corner, not the declared one, bounds the walk: nothing past it is padded.
    cells = sheet.iter_rows(max_row=scan.max_row, max_col=max(scan.max_column, 1), values_only=True)
    for line, values in enumerate(cells, start=1):
        if all(_blank(v) for v in values):
            continue
        if columns is None:
            columns = _match_headers(values, organization_column)
            continue
        if len(rows) >= MAX_ROWS:
            raise FileRejected(
                ngettext(
                    "The file has more than %(max)s row; import at most %(max)s rows at a time.",
                    "The file has more than %(max)s rows; import at most %(max)s rows at a time.",
                    MAX_ROWS,
                )
                % {"max": MAX_ROWS}
            )
        rows.append((line, {name: values[index] if index < len(values) else None for name, index in columns.items()}))
    if columns is None:
        raise FileRejected(_("The file is empty: the first sheet has no header row and no rows."))
    if not rows:
        raise FileRejected(_("The file has a header row but no trainees below it."))
    return rows


def _match_headers(values, organization_column=True):
    found = {}
    wanted = {key: column.name for column in COLUMNS for key in column.keys()}
    for index, value in enumerate(values):
        name = wanted.get(normalize(value)) if isinstance(value, str) else None
        if name and name not in found:
            found[name] = index
    required = [c for c in COLUMNS if c.required and (organization_column or c.name != "organization")]
    missing = [c.header for c in required if c.name not in found]
    if missing:
        raise FileRejected(
            _("Missing columns: %(columns)s. The first row must hold the column headers of the template.")
            % {"columns": join_names(missing)}
        )
    return found


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


# Bounds of a workbook, checked before openpyxl reads a row ----------------------

# A trainee list is a few thousand rows of a dozen columns; these leave room for
# blank lines and extra columns, and refuse in well under a second what would
# make a reader walk a million padded rows or hold hundreds of MB of strings.
MAX_SHEET_ROWS = 5000
MAX_SHEET_COLUMNS = 64
MAX_CELLS = 100_000
MAX_SHARED_STRINGS_BYTES = 4 * 1024 * 1024
MAX_MEMBERS = 500
SCAN_CHUNK = 64 * 1024
CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def _column_number(letters):
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _ref_corner(ref):
    """(row, column) of the bottom-right corner of "A1:J20" or "B3", or None if unreadable."""
    match = CELL_REF.match((ref or "").split(":")[-1].strip())
    if not match:
        return None
    return int(match.group(2)), _column_number(match.group(1))


def _too_many_rows(row):
    return FileRejected(
        _(
            "The first sheet goes down to row %(row)s; a trainee list may use at most %(max)s rows. Copy the "
            "trainees to a new workbook and upload that."
        )
        % {"row": row, "max": MAX_SHEET_ROWS}
    )


def _too_many_columns(column):
    return FileRejected(
        _("The first sheet uses %(columns)s columns; a trainee list may use at most %(max)s.")
        % {"columns": column, "max": MAX_SHEET_COLUMNS}
    )


def _too_much_data():
    return FileRejected(_("The file holds too much data to be a trainee list."))


def check_archive(archive):
    """Refuse by the sizes the zip declares, before anything is unpacked.

    zipfile never returns more than a member's declared size (and then fails
    its CRC), so these bounds hold for a file that lies about them too.
    """
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise _too_much_data()
    for info in members:
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
            raise _too_much_data()


class SheetScan:
    """The used area of one sheet's XML, scanned with expat (flat memory) up to the first bound crossed."""

    def __init__(self):
        self.max_row = self.max_column = self.cells = 0
        self._row = 0
        self._column = 0

    def start(self, name, attrs):
        local = name.rsplit(" ", 1)[-1]
        if local == "dimension":
            corner = _ref_corner(attrs.get("ref"))
            if corner:
                self._bound(*corner)
        elif local == "row":
            self._row = parse_id(attrs.get("r")) or self._row + 1
            self._column = 0
            self._bound(self._row, 1)
            self.max_row = max(self.max_row, self._row)
        elif local == "c":
            corner = _ref_corner(attrs.get("r"))
            self._column = corner[1] if corner else self._column + 1
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise _too_much_data()
            self._bound(self._row, self._column)
            self.max_column = max(self.max_column, self._column)

    @staticmethod
    def _bound(row, column):
        if row > MAX_SHEET_ROWS:
            raise _too_many_rows(row)
        if column > MAX_SHEET_COLUMNS:
            raise _too_many_columns(column)

    def read(self, source):
        """Scan the XML in source (a binary file); raise FileRejected at the first bound crossed."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        while chunk := source.read(SCAN_CHUNK):
            parser.Parse(chunk, False)  # a FileRejected raised by start() comes out here
        parser.Parse(b"", True)
        return self


# Checking the rows ------------------------------------------------------------


def _text(value):
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _phone(value):
    """A phone as text. Excel keeps a phone typed as a number without its leading 0
    (0944123456 -> 944123456): a nine-digit number starting with 9 is a Syrian mobile
    whose trunk 0 was lost, and gets it back."""
    text = _text(value)
    if isinstance(value, int | float) and re.fullmatch(r"9[0-9]{8}", text):
        return "0" + text
    return text


def _yes_no(value, errors, label):
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    key = normalize(_text(value))
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    errors.append(_("%(column)s: “%(value)s” is not yes or no.") % {"column": label, "value": _text(value)})
    return None


def _year(value, errors):
    if _blank(value):
        return None
    if hasattr(value, "year"):
        return value.year
    text = _text(value)
    if parse_id(text) is not None:
        return parse_id(text)
    errors.append(_("Birth year: “%(value)s” is not a year.") % {"value": text})
    return None


def organization_index(organizations=None):
    """Normalised Arabic name, English name and short name -> the organisations bearing it.

    organizations: those the importing user may see (core.centres); a row naming another
    centre's organisation is then an unknown organisation, refused with the file.
    """
    index = {}
    organizations = Organization.objects.all() if organizations is None else organizations
    for org in organizations.only("id", "name_ar", "name_en", "short_name"):
        for name in {normalize(org.name_ar), normalize(org.name_en), normalize(org.short_name)} - {""}:
            index.setdefault(name, set()).add(org)
    return index


def build_plan(rows, default_organization=None, organizations=None):
    """Check every row against the database and the rest of the file; save nothing."""
    orgs = organization_index(organizations)
    results = []
    for line, raw in rows:
        results.append(_check_row(line, raw, orgs, default_organization))
    org_ids = {r.values["organization"].pk for r in results if r.values.get("organization")}
    existing = {}
    for person in Person.objects.filter(organization_id__in=org_ids).select_related("organization"):
        existing.setdefault((person.organization_id, person.search_name), []).append(person)
    first_line = {}
    for result in results:
        if result.errors:
            result.status = INVALID
            continue
        key = (result.values["organization"].pk, normalize(result.values["full_name"]))
        if key in first_line:
            result.errors.append(_("The same person as row %(line)s of this file.") % {"line": first_line[key]})
            result.status = INVALID
            continue
        first_line[key] = result.line
        matches = existing.get(key, [])
        if len(matches) > 1:
            result.errors.append(
                _("%(count)s people of this organisation already have this name; update them one by one in the app.")
                % {"count": len(matches)}
            )
            result.status = INVALID
            continue
        _classify(result, matches[0] if matches else None)
    return Plan(results)


def _check_row(line, raw, orgs, default_organization):
    errors = []
    values = {name: _text(raw.get(name)) for name in TEXT_FIELDS}
    values["phone"] = _phone(raw.get("phone"))
    if not values["full_name"]:
        errors.append(_("The full name is missing."))
    gender_text = _text(raw.get("gender"))
    values["gender"] = GENDER_VALUES.get(normalize(gender_text), "")
    if not gender_text:
        errors.append(_("The gender is missing."))
    elif not values["gender"]:
        errors.append(_("Gender: “%(value)s” is neither “أنثى” nor “ذكر”.") % {"value": gender_text})
    org_text = _text(raw.get("organization"))
    values["organization_text"] = org_text
    values["organization"] = None
    if org_text:
        matches = orgs.get(normalize(org_text), set())
        if len(matches) == 1:
            values["organization"] = next(iter(matches))
        elif matches:
            errors.append(
                _("Several organisations are called “%(name)s”; use the full Arabic name.") % {"name": org_text}
            )
        else:
            errors.append(_("No organisation is called “%(name)s”.") % {"name": org_text})
    elif default_organization is not None:
        values["organization"] = default_organization
    else:
        errors.append(_("The organisation is missing."))
    values["birth_year"] = _year(raw.get("birth_year"), errors)
    values["has_disability"] = _yes_no(raw.get("has_disability"), errors, COLUMN_BY_NAME["has_disability"].label)
    values["consent"] = _yes_no(raw.get("consent"), errors, COLUMN_BY_NAME["consent"].label)
    # All of a row's errors at once: the model's own checks run too, on the fields the
    # checks above did not already refuse (a missing organisation is said once).
    errors.extend(_model_errors(values))
    return RowResult(line=line, values=values, errors=errors)


def _model_errors(values):
    """The model's own checks (lengths, e-mail, birth year range), in the user's language."""
    probe = _apply(Person(), values)
    checked_above = [name for name in ("full_name", "gender", "organization") if not values.get(name)]
    try:
        probe.full_clean(exclude=["created_by", *checked_above], validate_unique=False)
    except ValidationError as error:
        return [
            f"{COLUMN_BY_NAME[name].label if name in COLUMN_BY_NAME else name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _provided(values):
    """The fields the row gives a value for (an empty cell changes nothing)."""
    return [name for name in FIELDS if values.get(name) not in ("", None)]


def _apply(person, values):
    for name in _provided(values):
        setattr(person, name, values[name])
    return person


def _classify(result, person):
    if person is None:
        result.status = NEW
        return
    result.person = person
    for name in _provided(result.values):
        old, new = getattr(person, name), result.values[name]
        if name == "full_name" and old != new and normalize(old) == normalize(new):
            result.values["full_name"] = old  # the same name spelt another way is not a change
            continue
        if old != new:
            result.changes.append((COLUMN_BY_NAME[name].label, _shown(person, name, old), _shown(person, name, new)))
    result.status = UPDATE if result.changes else UNCHANGED


def _shown(person, name, value):
    if name == "gender":
        return Gender(value).label
    if isinstance(value, bool):
        return pgettext("excel", "yes") if value else pgettext("excel", "no")
    return "" if value is None else str(value)


# Saving -----------------------------------------------------------------------


def apply_plan(plan, user):
    """Save every new and updated person, or nothing. Returns (created, updated)."""
    if not plan.is_valid:
        raise ValueError("A plan with invalid rows cannot be saved.")
    created = updated = 0
    with transaction.atomic():
        for result in plan.rows:
            if result.status == NEW:
                person = _apply(Person(created_by=user), result.values)
                person.full_clean(exclude=["created_by"], validate_unique=False)
                person.save()
                created += 1
            elif result.status == UPDATE:
                person = _apply(result.person, result.values)
                person.full_clean(exclude=["created_by"], validate_unique=False)
                person.save()
                updated += 1
    return created, updated


# The template -----------------------------------------------------------------


def write_template(workbook):
    """The empty trainee list: Arabic headers, drop-downs, and a sheet of instructions."""
    sheet = workbook.add_worksheet("المتدربون")
    orgs_sheet = workbook.add_worksheet("المنظمات")
    help_sheet = workbook.add_worksheet("تعليمات")
    writer = SheetWriter(workbook, sheet)
    setup_sheet(sheet, rtl=True, landscape=True, repeat_rows=(0, 0), freeze=(1, 0))
    header = HEADER
    writer.row(0, [c.header for c in COLUMNS], header)
    widths = {"full_name": 28, "organization": 26, "email": 26, "notes": 30, "consent": 18}
    last = MAX_ROWS
    for col, column in enumerate(COLUMNS):
        # Phone numbers as text, so that a leading 0 or + survives.
        cell_format = writer.format(num_format="@") if column.name == "phone" else None
        sheet.set_column(col, col, widths.get(column.name, 14), cell_format)
    col = FIELDS.index("gender")
    sheet.data_validation(1, col, last, col, {"validate": "list", "source": list(TEMPLATE_GENDERS)})
    for name in ("has_disability", "consent"):
        col = FIELDS.index(name)
        sheet.data_validation(1, col, last, col, {"validate": "list", "source": list(TEMPLATE_YES_NO)})
    orgs = list(Organization.objects.filter(active=True).order_by("name_ar").values_list("name_ar", flat=True))
    SheetWriter(workbook, orgs_sheet).row(0, ["المنظمة"], header)
    setup_sheet(orgs_sheet, rtl=True)
    orgs_sheet.set_column(0, 0, 36)
    for row, name in enumerate(orgs, start=1):
        SheetWriter(workbook, orgs_sheet).cell(row, 0, name)
    if orgs:
        col = FIELDS.index("organization")
        sheet.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": f"='المنظمات'!$A$2:$A${len(orgs) + 1}",
                # Other names are allowed here; the upload says if they match no organisation.
                "error_type": "warning",
            },
        )
    help_writer = SheetWriter(workbook, help_sheet)
    setup_sheet(help_sheet, rtl=True)
    help_sheet.set_column(0, 0, 28)
    help_sheet.set_column(1, 1, 70)
    help_writer.row(0, [pgettext("excel", "Column"), _("What to write in it")], header)
    notes = {
        "full_name": _("Required. The full name as it should appear on the certificate."),
        "gender": _("Required: أنثى (woman) or ذكر (man)."),
        "organization": _("Required: the organisation's name as recorded in the app (see the sheet “المنظمات”)."),
        "phone": _("Optional. Written as text with the country code, for example +963 944 000000."),
        "birth_year": _("Optional: four digits, for example 1990."),
        "has_disability": _("Optional: نعم (yes) or لا (no)."),
        "consent": _("Optional: نعم (yes) if the person agreed that their data are recorded and used."),
    }
    for row, column in enumerate(COLUMNS, start=1):
        help_writer.row(row, [column.header, notes.get(column.name, pgettext("excel", "Optional."))])
    help_writer.cell(
        len(COLUMNS) + 2,
        0,
        _(
            "A person is matched with those recorded by organisation and full name: if found, their data are "
            "updated; otherwise they are added. An empty cell does not erase a recorded value. At most %(rows)s "
            "rows and %(size)s MB per file."
        )
        % {"rows": MAX_ROWS, "size": MAX_UPLOAD_BYTES // (1024 * 1024)},
    )
    return len(orgs)


# People, in the template's columns ----------------------------------------------


def _cells(person, yes, no, genders):
    """A person's row in the template's columns, in the words the import reads back."""
    values = {
        "gender": genders.get(person.gender, ""),
        "organization": person.organization.name_ar,
        "has_disability": yes if person.has_disability else no,
        "consent": yes if person.consent else no,
    }
    return [values[name] if name in values else getattr(person, name) for name in FIELDS]


def write_people(workbook, people):
    """people (a queryset) in the import's columns, streamed row by row; returns the number of rows.

    The headers, genders and yes/no are the template's Arabic words, so the
    file can be corrected and imported again: every row then matches its person.
    """
    sheet = workbook.add_worksheet("المتدربون")
    setup_sheet(sheet, rtl=True, landscape=True, repeat_rows=(0, 0), freeze=(1, 0))
    widths = {"full_name": 28, "organization": 26, "email": 26, "notes": 30, "consent": 18}
    for col, column in enumerate(COLUMNS):
        sheet.set_column(col, col, widths.get(column.name, 14))
    writer = SheetWriter(workbook, sheet)
    writer.row(0, [c.header for c in COLUMNS], HEADER)
    yes, no = TEMPLATE_YES_NO
    genders = {Gender.FEMALE: TEMPLATE_GENDERS[0], Gender.MALE: TEMPLATE_GENDERS[1]}
    people = people.select_related("organization").order_by("organization__name_ar", "full_name", "pk")
    count = 0
    for count, person in enumerate(people.iterator(chunk_size=2000), start=1):
        writer.row(count, _cells(person, yes, no, genders))
    sheet.autofilter(0, 0, max(count, 1), len(COLUMNS) - 1)
    return count
