"""What a certificate says, in English and Simplified Chinese.

It states what happened — so many kilograms of a visit, compensated by retiring credits of a
named project and serial — and never calls a product or the visit "carbon neutral": offset-based
neutrality claims about products are not allowed for EU consumers (Directive 2024/825), and an
event's ISO 14068-1 claim belongs to its organiser. A pending retirement is said to be pending.
"""

from __future__ import annotations

from ..certificates.model import Claims, Status
from ..text import tr
from ..units import kilograms


def serials(claims: Claims, limit: int = 2) -> str:
    shown = ", ".join(claims.allocations[:limit])
    more = len(claims.allocations) - limit
    return shown + (f" (+{more})" if more > 0 else "")


def _part(claims: Claims, lang: str) -> str:
    """The share of the footprint covered, when it is not all of it."""
    if claims.neutralised_g >= claims.footprint_g:
        return ""
    if lang == "zh-CN":
        return f"其中 {kilograms(claims.neutralised_g, lang)} 千克"
    return f"{kilograms(claims.neutralised_g, lang)} kg of "


def statement(claims: Claims, status: Status | None, lang: str = "en") -> str:
    """The central sentence of the certificate."""
    scene = tr(claims.scene_name, lang) or claims.scene_id
    project = tr(claims.project_name, lang) or claims.project_id
    total, part, serial = kilograms(claims.footprint_g, lang), _part(claims, lang), serials(claims)
    if lang == "zh-CN":
        subject = f"您参加「{scene}」产生的 {total} 千克二氧化碳当量排放{('中' + part) if part else ''}"
        if status is Status.RETIRED:
            return f"{subject}已通过注销「{project}」（{claims.program}）的减排量得到抵消，序列号 {serial}。"
        if status is Status.REVOKED:
            return f"本证书已被签发方撤销，不再证明{subject}得到抵消。"
        return (
            f"{subject}将通过注销「{project}」（{claims.program}）的减排量得到抵消。"
            f"相应减排量（序列号 {serial}）已为您划拨，正在等待登记簿注销，最迟于 12 个月内完成；"
            "完成后本证书状态将显示为“已注销”。"
        )
    subject = f"{part}the {total} kg CO2e of your visit to {scene}"
    if status is Status.RETIRED:
        return (
            f"{subject[0].upper()}{subject[1:]} were compensated by retiring credits from project "
            f"{project} ({claims.program}), serial {serial}."
        )
    if status is Status.REVOKED:
        return f"This certificate was revoked by its issuer; it no longer attests that {subject} were compensated."
    return (
        f"{subject[0].upper()}{subject[1:]} are being compensated with credits from project {project} "
        f"({claims.program}), serial {serial}. The credits are set aside for you and their retirement at "
        "the registry is pending (within 12 months); this certificate will show 'retired' once it is done."
    )


TITLE = {"en": "Carbon compensation certificate", "zh-CN": "碳抵消荣誉证书"}
STATUS = {
    "en": {
        None: "Status: check online",
        Status.PENDING: "Status: retirement pending",
        Status.RETIRED: "Status: credits retired",
        Status.REVOKED: "Status: REVOKED",
    },
    "zh-CN": {
        None: "状态：请在线查询",
        Status.PENDING: "状态：等待注销",
        Status.RETIRED: "状态：减排量已注销",
        Status.REVOKED: "状态：已撤销",
    },
}
DISCLAIMER = {
    "en": "This certificate records a compensation with carbon credits. It does not claim that any "
    "product, service or event is carbon neutral.",
    "zh-CN": "本证书记录以碳减排量进行的抵消，并不声明任何产品、服务或活动已实现碳中和。",
}
VERIFY = {
    "en": "Scan to verify — works offline with the issuer's published keys.",
    "zh-CN": "扫码验证——使用签发方公布的公钥，离线亦可验证。",
}
HOLDER = {"en": "Awarded to", "zh-CN": "授予"}
ISSUED = {"en": "Issued", "zh-CN": "签发日期"}
CERT_NO = {"en": "Certificate No.", "zh-CN": "证书编号"}
POSTER_TITLE = {"en": "Offset your visit's footprint", "zh-CN": "扫码计算并抵消您此行的碳足迹"}
POSTER_STEPS = {
    "en": "1. Scan with your phone camera  2. Answer a few questions  3. See your footprint, offset it, get your certificate",
    "zh-CN": "1. 用手机扫描二维码　2. 回答几个问题　3. 查看碳足迹、完成抵消、领取证书",
}
