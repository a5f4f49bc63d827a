"""Every refusal the copy importer can give, as constants the admin, the command and tests share.

Each one says what is wrong and what to do about it; none of them is ever shown after anything was
saved (a refused file creates nothing).
"""

from django.utils.translation import gettext_lazy as _

MAX_COPY_BYTES = 2 * 1024 * 1024  # 2 MB: a long interview is about 30 kB

EMPTY = _("The file is empty: there is no copy to import.")
TOO_LARGE = _(
    "The file is larger than 2 MB; agency copy is far smaller. Check that it is the right file, or "
    "split it into one story per file."
)
BINARY = _(
    "This is not a text or Word file (it looks like an image, a PDF or another binary file). Import "
    "plain text (.txt) or Word (.docx) copy."
)
WRONG_ENCODING = _(
    "The text is not in UTF-8 or UTF-16, so its letters cannot be read reliably (it is probably in an "
    "old encoding such as Windows-1256 or Latin-1). Save it again as UTF-8 and import it again."
)
NOT_A_WORD_FILE = _(
    "This looks like a Word (.docx) file but it cannot be opened: it is damaged, or it is another "
    "kind of document. Save it again from Word as .docx, or as plain text."
)
LEGACY_WORD_FILE = _(
    "Old Word files (.doc, Word 97–2003) cannot be imported. Save the file from Word as .docx "
    "(Word Document) and import that."
)
NO_HEADLINE = _("The copy has no headline: its first line should be the headline.")
HEADLINE_TOO_LONG = _(
    "The first line is too long for a headline (more than 300 characters). Put the headline on a "
    "line of its own at the top of the copy."
)
NOTHING_TO_IMPORT = _("Choose one or more files, or paste the copy.")
CREATED = _("Draft “{headline}” (#{pk}) created.")
CONFIRM_CONFLICT = _(
    "Nothing was confirmed: the draft was edited after you opened this page (see above). Check your "
    "choices against their change and confirm again."
)
ALREADY_IMPORTED = _("Already imported: this copy is the draft “{headline}” (#{pk}); nothing new was created.")
