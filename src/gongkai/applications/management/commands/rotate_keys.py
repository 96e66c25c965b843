"""Re-encrypt the personal data under the first of GONGKAI_FIELD_KEYS (`gongkai rotate-keys`)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai import fieldcrypt


class Command(BaseCommand):
    help = "用 GONGKAI_FIELD_KEYS 的第一个密钥重新加密个人信息（证件号码、联系电话），并重算其检索摘要。"

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            with transaction.atomic():
                count = fieldcrypt.rotate(model)
            if count:
                self.stdout.write(f"{model._meta.label}: {count}")
                total += count
        self.stdout.write(f"已重新加密 {total} 条记录 (rows re-encrypted).")
