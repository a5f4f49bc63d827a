"""Hooks of a story's life: what the desk tells the parts that react.

The sender never imports the receiver. Each reacting app connects its receivers in its own
``AppConfig.ready()``, and the list of who reacts to what is in docs/ARCHITECTURE.md ("Hooks").
Both signals are sent *inside* the transaction that makes the change, so a receiver's own writes
commit or roll back with it; a receiver that talks to the outside world (e-mail) defers that with
``transaction.on_commit``.
"""

from django.dispatch import Signal

# An article's content was saved (``desk.services.article_save``, the only writer of content).
# Arguments: article, created (bool), revision (the new Revision, or None when the content did not
# change), previous (the Revision before this save, or None), user, correction_added (bool).
article_saved = Signal()

# An article took a workflow step (``desk.workflow.article_transition``, the only writer of status).
# Arguments: article, change (the StatusChange logged), action, from_status, to_status, user (the
# person acting, or desk.workflow.SCHEDULER).
article_transitioned = Signal()
