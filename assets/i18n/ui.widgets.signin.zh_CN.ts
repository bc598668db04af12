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
        <source>No staff can sign in yet. Add them with: kiosk staff add NAME</source>
        <translation>还没有可登录的工作人员。请用命令添加：kiosk staff add 姓名</translation>
    </message>
    <message>
        <source>Enter your name and your PIN.</source>
        <translation>请输入姓名和密码。</translation>
    </message>
</context>
</TS>
