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
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Informed consent signed</source>
        <translation>已签署知情同意书</translation>
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
        <source>This document is already registered today (%1). Register it again anyway?</source>
        <translation>此证件今天已登记（%1）。仍要再次登记？</translation>
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
    <message>
        <source>%1: appointment from the list of %2; check the document with the resident</source>
        <translation>%1：%2名单预约，请与居民核对证件</translation>
    </message>
    <message>
        <source>A mobile number (11 digits) or a landline with its area code</source>
        <translation>手机号（11位）或带区号的固定电话</translation>
    </message>
    <message>
        <source>Earlier dose entered: %1 of %2, %3.</source>
        <translation>已录入既往接种：%2 %1，%3。</translation>
    </message>
</context>
</TS>
