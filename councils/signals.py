"""What the report workflow tells the apps built on ``councils``.

``report_decided`` is sent by ``councils.services.report_transition()``, inside its
transaction, when a report is accepted or reopened (``report.status`` says which). The
centre visits a report carries become centre usage from then on, or stop being it:
``centers`` connects ``centers.services.usage_from_report`` to it (``centers/apps.py``).

A receiver returns the codes of the derived indicators its writes touched, without
refreshing them: the workflow refreshes them together with 2-1, once. A receiver that fails
rolls the whole move back.
"""

from django.dispatch import Signal

report_decided = Signal()  # keyword argument: report
