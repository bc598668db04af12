<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RegistrationPanel</name>
    <message>
        <source>Registration and screening</source>
        <translation>登记与健康筛查</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Resident ID</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Dose number</source>
        <translation>剂次</translation>
    </message>
    <message>
        <source>Screening (answer every question)</source>
        <translation>健康询问（每题必答）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Proceed to vaccination</source>
        <translation>通过，去接种</translation>
    </message>
    <message>
        <source>Defer…</source>
        <translation>暂缓…</translation>
    </message>
    <message>
        <source>18 characters needed (%1 typed)</source>
        <translation>需 18 位（已输入 %1 位）</translation>
    </message>
    <message>
        <source>Only digits, and X at the end</source>
        <translation>只能是数字，末位可为 X</translation>
    </message>
    <message>
        <source>The first digit must be 1 to 8</source>
        <translation>首位须为 1 到 8</translation>
    </message>
    <message>
        <source>The birth date in it is impossible</source>
        <translation>其中的出生日期不存在</translation>
    </message>
    <message>
        <source>The check character does not match: a typing error?</source>
        <translation>校验位不符：是否输错？</translation>
    </message>
    <message>
        <source>Not a valid ID number</source>
        <translation>不是有效的身份证号</translation>
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
        <source>Born %1, %2, %3 years</source>
        <translation>出生 %1，%2，%3 岁</translation>
    </message>
    <message>
        <source>11 digits starting with 1</source>
        <translation>11 位数字，以 1 开头</translation>
    </message>
    <message>
        <source>Answer every screening question.</source>
        <translation>请回答每一个健康询问问题。</translation>
    </message>
    <message>
        <source>Deferral suggested: %1</source>
        <translation>建议暂缓：%1</translation>
    </message>
    <message>
        <source>Allergy history: observation %1 min.</source>
        <translation>有过敏史：留观 %1 分钟。</translation>
    </message>
    <message>
        <source>Screening passed.</source>
        <translation>筛查通过。</translation>
    </message>
    <message>
        <source>The form is not complete: see the fields marked in red.</source>
        <translation>信息不完整：请查看红色提示的项目。</translation>
    </message>
    <message>
        <source>Deferral suggested</source>
        <translation>建议暂缓</translation>
    </message>
    <message>
        <source>Screening suggests deferral. Proceed anyway?</source>
        <translation>筛查结果建议暂缓。仍然继续？</translation>
    </message>
    <message>
        <source>%1 registered: waiting for vaccination.</source>
        <translation>%1 已登记：等候接种。</translation>
    </message>
    <message>
        <source>Already registered today</source>
        <translation>今天已登记</translation>
    </message>
    <message>
        <source>This ID number is already registered today (%1). Register it again anyway?</source>
        <translation>此身份证号今天已登记（%1）。仍要再次登记？</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>Why is vaccination deferred?</source>
        <translation>暂缓接种的原因？</translation>
    </message>
    <message>
        <source>Deferred; the dose is released.</source>
        <translation>已暂缓；疫苗剂次已释放。</translation>
    </message>
</context>
</TS>
