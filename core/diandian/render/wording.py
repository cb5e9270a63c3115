"""What a certificate says, in English and Simplified Chinese.

A visitor's certificate states what happened — so many kilograms of a visit, compensated by
retiring credits of a named project and serial — and never calls a product or the visit "carbon
neutral": offset-based neutrality claims about products are not allowed for EU consumers
(Directive 2024/825). An event's own certificate (``claims.subject == "event"``) backs its
organiser's carbon neutrality claim in the terms of ISO 14068-1: the event is the subject of
the claim, its carbon footprint after GHG emission reductions is counterbalanced by offsetting
with carbon credits, and the claim stands only once they are retired (within 12 months). A
pending retirement is said to be pending.
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
    """The central sentence of the certificate (of its event claim for an event's own)."""
    if claims.is_event:
        return event_statement(claims, status, lang)
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


def event_statement(claims: Claims, status: Status | None, lang: str = "en") -> str:
    """The organiser's ISO 14068-1 claim for the event, as far as the certificate's status bears
    it out: made once the credits are retired, pending before, withdrawn when revoked."""
    scene = tr(claims.scene_name, lang) or claims.scene_id
    project = tr(claims.project_name, lang) or claims.project_id
    total, covered = kilograms(claims.footprint_g, lang), kilograms(claims.neutralised_g, lang)
    serial = serials(claims)
    partial = claims.neutralised_g < claims.footprint_g
    if lang == "zh-CN":
        rest = "；其余部分的抵消见本活动的碳中和声明页" if partial else ""
        if status is Status.RETIRED:
            return (
                f"「{scene}」主办方依据 ISO 14068-1 声明本活动实现碳中和：活动碳足迹 {total} 千克二氧化碳当量"
                f"在实施温室气体减排后，剩余排放已通过抵消得到平衡——{covered} 千克二氧化碳当量的碳信用"
                f"（「{project}」，{claims.program}，序列号 {serial}）已在登记簿注销{rest}。"
            )
        if status is Status.REVOKED:
            return f"本证书已被签发方撤销，不再支持「{scene}」的碳中和声明。"
        return (
            f"「{scene}」主办方正以碳信用抵消本活动的碳足迹 {total} 千克二氧化碳当量（实施温室气体减排后的剩余排放）："
            f"「{project}」（{claims.program}）{covered} 千克二氧化碳当量的碳信用（序列号 {serial}）已为本活动划拨{rest}。"
            "按照 ISO 14068-1，待其在登记簿注销后（最迟 12 个月内）方可作出碳中和声明；届时本证书状态将显示为“已注销”。"
        )
    rest = "; the rest is offset as the event's claim page shows" if partial else ""
    if status is Status.RETIRED:
        return (
            f"The organiser of {scene} claims carbon neutrality for the event under ISO 14068-1: its "
            f"carbon footprint of {total} kg CO2e, after GHG emission reductions, was counterbalanced by "
            f"offsetting. Carbon credits for {covered} kg CO2e from project {project} ({claims.program}), "
            f"serial {serial}, were retired at the registry{rest}."
        )
    if status is Status.REVOKED:
        return f"This certificate was revoked by its issuer; it no longer supports a carbon neutrality claim for {scene}."
    return (
        f"The organiser of {scene} is offsetting the event's carbon footprint of {total} kg CO2e (the "
        f"residual after GHG emission reductions): carbon credits for {covered} kg CO2e from project "
        f"{project} ({claims.program}), serial {serial}, are set aside for the event{rest}. Under ISO "
        "14068-1 the carbon neutrality claim can be made once they are retired at the registry (pending, "
        "within 12 months); this certificate will then show 'retired'."
    )


def title(claims: Claims, lang: str) -> str:
    return (EVENT_TITLE if claims.is_event else TITLE)[lang]


def disclaimer(claims: Claims, lang: str) -> str:
    return (EVENT_DISCLAIMER if claims.is_event else DISCLAIMER)[lang]


TITLE = {"en": "Carbon compensation certificate", "zh-CN": "碳抵消荣誉证书"}
EVENT_TITLE = {"en": "Event carbon neutrality certificate", "zh-CN": "活动碳中和证书"}
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
EVENT_DISCLAIMER = {
    "en": "Backs the organiser's carbon neutrality claim for this event under ISO 14068-1: GHG emission "
    "reductions first, residual emissions offset with carbon credits retired within 12 months, evidence "
    "kept. It concerns the event only, not any product sold at it.",
    "zh-CN": "本证书支持主办方依据 ISO 14068-1 就本活动作出的碳中和声明：先实施温室气体减排，剩余排放以 12 个月内"
    "注销的碳信用抵消，并保存证据。声明仅涉及本活动，不涉及活动中出售的任何产品。",
}
VERIFY = {
    "en": "Scan to verify — works offline with the issuer's published keys.",
    "zh-CN": "扫码验证——使用签发方公布的公钥，离线亦可验证。",
}
HOLDER = {"en": "Awarded to", "zh-CN": "授予"}
EVENT_SUBJECT = {"en": "Subject of the carbon neutrality claim", "zh-CN": "碳中和声明对象"}
EVENT_CLAIMANT = {"en": "Claimed by the event's organiser", "zh-CN": "声明方：活动主办方"}
ISSUED = {"en": "Issued", "zh-CN": "签发日期"}
CERT_NO = {"en": "Certificate No.", "zh-CN": "证书编号"}
POSTER_TITLE = {"en": "Offset your visit's footprint", "zh-CN": "扫码计算并抵消您此行的碳足迹"}
POSTER_STEPS = {
    "en": "1. Scan with your phone camera  2. Answer a few questions  3. See your footprint, offset it, get your certificate",
    "zh-CN": "1. 用手机扫描二维码　2. 回答几个问题　3. 查看碳足迹、完成抵消、领取证书",
}
