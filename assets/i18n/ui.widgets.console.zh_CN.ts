<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Console</name>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>Still saving the last step: one moment.</source>
        <translation>上一步仍在保存，请稍候。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理……</translation>
    </message>
    <message>
        <source>The database cannot be reached: this screen is not up to date (%1)</source>
        <translation>无法连接数据库：本屏幕显示的不是最新情况（%1）</translation>
    </message>
    <message>
        <source>The database can be reached again.</source>
        <translation>数据库已恢复连接。</translation>
    </message>
</context>
</TS>
