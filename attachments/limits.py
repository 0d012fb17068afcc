"""Stop reading an uploaded file as soon as it passes the size limit.

Django would otherwise write the whole body to a temporary file before the form could
refuse it (a 2 GB video from a phone). The rest of the body is read and dropped.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

FLAG = "attachment_too_large"


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            setattr(self.request, FLAG, True)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers (memory, temporary file) make the file
