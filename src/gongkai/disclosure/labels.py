"""How kinds and rules of ``gongkai.redaction`` are shown (the plain module has keys only)."""

from django.utils.translation import gettext_lazy as _

from gongkai.redaction.detect import ADDRESS, BANK_ACCOUNT, EMAIL, ID_NUMBER, MANUAL, NAME, PARTY, PHONE

KIND_LABELS = {
    NAME: _("姓名"),
    PARTY: _("当事人姓名"),
    ID_NUMBER: _("身份证号码"),
    PHONE: _("电话号码"),
    ADDRESS: _("住址"),
    BANK_ACCOUNT: _("银行账号"),
    EMAIL: _("电子邮箱"),
    MANUAL: _("人工添加"),
}
RULE_LABELS = {
    "known_name": _("本案人员"),
    "manual": _("人工添加"),
    "email": _("邮箱格式"),
    "id18": _("18位号码及校验码"),
    "id15": _("15位号码及出生日期"),
    "bank_luhn": _("16至19位号码及Luhn校验"),
    "mobile": _("手机号码格式"),
    "landline": _("固定电话格式"),
    "address_label": _("“住址：”等标注"),
    "address": _("省市区县乡镇街道路号格式"),
    "party_label": _("“当事人：”标注"),
    "name_label": _("“姓名：”“申请人”等标注"),
}
