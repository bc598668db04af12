<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SignInPanel</name>
    <message>
        <source>Sign in (Enter)</source>
        <translation>登录 (Enter)</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter your name and your PIN.</source>
        <translation>请输入姓名和密码。</translation>
    </message>
</context>
</TS>
