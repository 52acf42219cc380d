from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ipenforce.documents"
    label = "documents"
    verbose_name = _("文书")

    def ready(self) -> None:
        import ipenforce.documents.exports  # noqa: F401 - registers the list exports
        from ipenforce.documents.case_file import case_file_build, check_generated_files
        from ipenforce.evidence.integrity import register_check
        from ipenforce.workflow.registry import extend

        extend("case", action="archive", then=case_file_build)  # archiving builds the 卷宗
        register_check("case files, document templates and documents", check_generated_files)
