<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DocumentFields</name>
    <message>
        <source>e.g. USA</source>
        <translation>如 USA</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
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
        <source>Resident identity card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Hong Kong and Macao residents</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
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
        <source>Type the date as YYYY-MM-DD</source>
        <translation>请按 年-月-日 输入，如 1990-05-17</translation>
    </message>
    <message>
        <source>Born %1, %2 years</source>
        <translation>出生 %1，%2 岁</translation>
    </message>
    <message>
        <source>Born %1, %2, %3 years</source>
        <translation>出生 %1，%2，%3 岁</translation>
    </message>
    <message>
        <source>Required: 3 letters, e.g. USA</source>
        <translation>必填：3 个字母，如 USA</translation>
    </message>
    <message>
        <source>Not a country code (ISO 3166, 3 letters)</source>
        <translation>不是国家代码（ISO 3166，3 个字母）</translation>
    </message>
    <message>
        <source>Not a possible birth date</source>
        <translation>出生日期不可能</translation>
    </message>
    <message>
        <source>Choose the sex</source>
        <translation>请选择性别</translation>
    </message>
    <message>
        <source>18 characters needed (%1 typed)</source>
        <translation>需 18 位（已输入 %1 位）</translation>
    </message>
    <message>
        <source>18 or 15 characters needed (%1 typed)</source>
        <translation>需 18 位或 15 位（已输入 %1 位）</translation>
    </message>
    <message>
        <source>9 or 11 characters needed (%1 typed)</source>
        <translation>需 9 位或 11 位（已输入 %1 位）</translation>
    </message>
    <message>
        <source>8 digits needed (%1 typed)</source>
        <translation>需 8 位数字（已输入 %1 位）</translation>
    </message>
    <message>
        <source>5 to 17 letters and digits needed (%1 typed)</source>
        <translation>需 5 到 17 位字母或数字（已输入 %1 位）</translation>
    </message>
    <message>
        <source>Only digits, and X at the end</source>
        <translation>只能是数字，末位可为 X</translation>
    </message>
    <message>
        <source>3 letters, then 12 digits</source>
        <translation>前 3 位为字母，后 12 位为数字</translation>
    </message>
    <message>
        <source>H or M, then digits only</source>
        <translation>H 或 M 开头，其后只能是数字</translation>
    </message>
    <message>
        <source>Digits only</source>
        <translation>只能是数字</translation>
    </message>
    <message>
        <source>Letters and digits only</source>
        <translation>只能是字母和数字</translation>
    </message>
    <message>
        <source>An 18-character card number starts with 9</source>
        <translation>18 位的证件号码以 9 开头</translation>
    </message>
    <message>
        <source>The number starts with H or M</source>
        <translation>号码须以 H 或 M 开头</translation>
    </message>
    <message>
        <source>Not a valid document number</source>
        <translation>不是有效的证件号码</translation>
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
        <source>The first 3 letters are not a nationality code</source>
        <translation>前 3 个字母不是国籍代码</translation>
    </message>
</context>
</TS>
