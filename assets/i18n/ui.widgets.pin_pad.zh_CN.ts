<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PinPad</name>
    <message>
        <source>Staff PIN</source>
        <translation>工作人员密码</translation>
    </message>
    <message>
        <source>Staff only: enter your PIN</source>
        <translation>仅限工作人员：请输入密码</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n minutes.</source>
        <translation>
            <numerusform>密码错误次数过多，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN. Please try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <source>The PIN could not be checked (%1).</source>
        <translation>无法验证密码（%1）。</translation>
    </message>
</context>
</TS>
