"""Background jobs: long exports and archives written off the request, with a progress page.

A view that may take seconds calls `start` (core/jobs/start.py) with the dotted path of
a builder, builder(job, progress, path), which writes the file at path and returns the
number of rows (or files) written; the request answers at once with a redirect to the
job's page (core/jobs/views.py), which refreshes itself until a download link shows. The
task (core/tasks.py, Django's Tasks API) only carries the job's id: our Job row holds
status, progress, the file and its expiry, whichever backend runs it (README,
"Background jobs").
"""
