from import_export.admin import ImportExportMixin

from ichinoseki_kyodo.formats import EXPORT_FORMATS, IMPORT_FORMATS


class JapaneseImportExportMixin(ImportExportMixin):
    """Import/export in the admin with the portal's formats and rules.

    The CSV format detects UTF-8 or cp932 itself, so no encoding is forced here.
    """

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    from_encoding = None
