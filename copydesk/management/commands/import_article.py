"""python manage.py import_article FILE... — agency copy (.txt or .docx) to draft articles.

Each file is imported on its own (one transaction each): a refused file never stops the batch and
never leaves half an article. One line per file, with [n/total] progress for a batch; the exit
status is 1 when any file was refused.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.urls import reverse

from copydesk.messages import MAX_COPY_BYTES
from copydesk.services import CopySource, ImportResult, copy_import_batch
from newsroom import languages
from newsroom.commands import NewsroomCommand


def _file_reader(path: Path):
    def read() -> bytes:
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder, not a file")
        with path.open("rb") as handle:
            return handle.read(MAX_COPY_BYTES + 1)  # enough to tell that it is too large

    return read


class Command(NewsroomCommand):
    help = "Import agency copy (plain text or .docx) as draft articles, one story per file."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Text (.txt) or Word (.docx) files.")
        parser.add_argument("--user", help="Username recorded as the importer.")
        parser.add_argument(
            "--language",
            choices=languages.codes(),
            help="Language of the copy (default: recognised from the text).",
        )

    def handle(self, *args, files, user=None, language=None, **options):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"No user named “{user}”.")
        paths = [Path(name) for name in files]
        total = len(paths)

        def progress(number: int, result: ImportResult):
            prefix = f"[{number}/{total}] " if total > 1 else ""
            line = f"{prefix}{result.name}: {result.message}"
            if result.status == "refused":
                self.stderr.write(self.style.ERROR(f"{prefix}{result.name}: refused. {result.message}"))
                return
            style = self.style.SUCCESS if result.status == "created" else self.style.WARNING
            self.stdout.write(style(line))
            if result.status == "created":
                self.stdout.write(f"    {self._proposals(result)}")
                url = reverse("admin:copydesk_importrecord_change", args=[result.record.pk])
                self.stdout.write(f"    Confirm: {settings.SITE_URL}{url}")

        results = copy_import_batch(
            sources=[CopySource(name=str(path), read=_file_reader(path)) for path in paths],
            user=importer,
            language=language,
            progress=progress,
        )
        counts = {status: sum(r.status == status for r in results) for status in ("created", "duplicate", "refused")}
        summary = f"{counts['created']} created, {counts['duplicate']} already imported, {counts['refused']} refused."
        if counts["refused"]:
            raise CommandError(summary, returncode=1)
        if total > 1:
            self.stdout.write(summary)

    @staticmethod
    def _proposals(result: ImportResult) -> str:
        proposals = result.record.proposals
        parts = []
        for key, label in [("people", "interviewees"), ("organizations", "organizations"), ("tags", "tags")]:
            names = [p["name"] for p in proposals.get(key, [])]
            parts.append(f"{label}: {', '.join(names) if names else '—'}")
        if proposals.get("kind"):
            parts.append(f"kind: {proposals['kind']}")
        if proposals.get("candidates"):
            parts.append(f"not in the register: {', '.join(c['name'] for c in proposals['candidates'][:8])}")
        return "Proposed " + "; ".join(parts)
