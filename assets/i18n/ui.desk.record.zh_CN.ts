<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RecordBox</name>
    <message>
        <source>Vaccination record</source>
        <translation>接种记录</translation>
    </message>
    <message>
        <source>Add earlier dose…</source>
        <translation>录入既往接种…</translation>
    </message>
    <message>
        <source>Enter a dose given elsewhere, from the person&apos;s paper record</source>
        <translation>按受种者的纸质接种凭证录入在外院接种的剂次</translation>
    </message>
    <message>
        <source>Correct details…</source>
        <translation>更正证件/信息…</translation>
    </message>
    <message>
        <source>Correct the document or details stored for this person; the doses stay</source>
        <translation>更正此人登记的证件或信息；接种记录保留</translation>
    </message>
    <message>
        <source>Vaccine</source>
        <translation>疫苗</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>例外原因</translation>
    </message>
    <message>
        <source>The record shows once the document is valid.</source>
        <translation>证件号码有效后显示接种记录。</translation>
    </message>
    <message>
        <source>Reading the record…</source>
        <translation>正在读取接种记录…</translation>
    </message>
    <message>
        <source>No earlier record at this site.</source>
        <translation>本接种点无既往记录。</translation>
    </message>
    <message numerus="yes">
        <source>On record as %1: %n dose(s)</source>
        <translation>
            <numerusform>%1 的接种记录：%n 剂</numerusform>
        </translation>
    </message>
    <message>
        <source>— choose a reason —</source>
        <translation>— 请选择原因 —</translation>
    </message>
    <message>
        <source>No vaccine in today&apos;s stock.</source>
        <translation>今日无疫苗库存。</translation>
    </message>
    <message>
        <source>Proposed: %1 of %2</source>
        <translation>建议：%2 %1</translation>
    </message>
    <message>
        <source>Late: the interval ended %1</source>
        <translation>已超期：间隔期于 %1 结束</translation>
    </message>
    <message>
        <source>The person&apos;s details are corrected; their doses stay on the record.</source>
        <translation>已更正此人的信息；其接种记录保留不变。</translation>
    </message>
</context>
</TS>
