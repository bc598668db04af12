<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Prompts</name>
    <message>
        <source>Record waste</source>
        <translation>登记废弃</translation>
    </message>
    <message>
        <source>Doses wasted</source>
        <translation>废弃剂数</translation>
    </message>
    <message>
        <source>Why were they wasted?</source>
        <translation>废弃原因？</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Adverse event: %1</source>
        <translation>不良反应：%1</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>轻度</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>中度</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>重度</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>处置措施</translation>
    </message>
    <message>
        <source>Correct lot or dose number</source>
        <translation>更正批号或剂次</translation>
    </message>
    <message>
        <source>only if the box code was wrong</source>
        <translation>仅在箱码有误时填写</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Dose number</source>
        <translation>剂次</translation>
    </message>
    <message>
        <source>Box code</source>
        <translation>箱码（追溯码）</translation>
    </message>
    <message>
        <source>Correct the person&apos;s details</source>
        <translation>更正证件/信息</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (if the document does not carry it)</source>
        <translation>年-月-日（证件上没有时填写）</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Issuing country</source>
        <translation>签发国家</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Add a dose from the paper record</source>
        <translation>按纸质凭证录入既往接种</translation>
    </message>
    <message>
        <source>Vaccine</source>
        <translation>疫苗</translation>
    </message>
    <message>
        <source>Date given</source>
        <translation>接种日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>接种地点</translation>
    </message>
</context>
</TS>
