"""Tasks of the project's infrastructure (the apps' own tasks are in their ``tasks.py``)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tasks import task


@task()
def mail_send(*, subject: str, body: str, addresses: list[str]) -> int:
    """One e-mail per address, the same text to each; returns how many were sent. A failure (the
    mail server down) fails the task, which shows in the task list with its error."""
    messages = [(f"[{settings.SITE_NAME}] {subject}", body, None, [address]) for address in addresses if address]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
