<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Kiosk</name>
    <message>
        <source>Tap a button to take a number</source>
        <translation>请点击下方按钮取号</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>下一位就是您</translation>
    </message>
    <message>
        <source>Please watch the screen for your number</source>
        <translation>请留意大屏幕叫号</translation>
    </message>
    <message>
        <source>Please take your ticket</source>
        <translation>请取走您的号票</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>正在打印号票…</translation>
    </message>
    <message>
        <source>The ticket could not be printed. Please ask at the registration desk for it.</source>
        <translation>号票未能打印，请到登记台领取号票。</translation>
    </message>
    <message>
        <source>Your number is still valid.</source>
        <translation>您的号码仍然有效。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>One moment, please…</source>
        <translation>请稍候……</translation>
    </message>
    <message>
        <source>Sorry, no number could be issued. Please try again or ask the staff.</source>
        <translation>抱歉，暂时无法取号，请重试或咨询工作人员。</translation>
    </message>
    <message>
        <source>This screen opens again by itself when a number becomes free. Please ask the staff.</source>
        <translation>如有名额空出，本机将自动恢复取号。如有疑问请咨询工作人员。</translation>
    </message>
    <message>
        <source>If you have questions, please ask the staff.</source>
        <translation>如有疑问请咨询工作人员。</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>我有预约</translation>
    </message>
    <message>
        <source>Scan the QR code on your appointment slip, or type your phone number or the last 6 characters of your ID document</source>
        <translation>请扫描预约单上的二维码，或输入手机号码或证件号码的后六位</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Please type a phone number or the last 6 characters of your ID document</source>
        <translation>请输入手机号码或证件号码的后六位</translation>
    </message>
    <message>
        <source>Looking for your appointment…</source>
        <translation>正在查找您的预约…</translation>
    </message>
    <message>
        <source>Please tap your name</source>
        <translation>请点击您的姓名</translation>
    </message>
    <message>
        <source>Is this you?</source>
        <translation>请确认是您本人</translation>
    </message>
    <message>
        <source>Yes, take my number</source>
        <translation>是我本人，取号</translation>
    </message>
    <message>
        <source>If this is you, tap your category to take a number</source>
        <translation>如是您本人，请点击类别取号</translation>
    </message>
    <message>
        <source>Not me</source>
        <translation>不是我</translation>
    </message>
    <message>
        <source>A number was already taken</source>
        <translation>已取过号</translation>
    </message>
    <message>
        <source>No appointment found</source>
        <translation>没有找到您的预约</translation>
    </message>
    <message>
        <source>That is no problem: please take a number as usual.</source>
        <translation>没关系，请照常取号。</translation>
    </message>
    <message>
        <source>Your appointment is on another day</source>
        <translation>您的预约不在今天</translation>
    </message>
    <message>
        <source>A number was already taken for this appointment. Please ask at the registration desk.</source>
        <translation>此预约已取过号，请到登记台咨询。</translation>
    </message>
    <message>
        <source>Take a number as usual</source>
        <translation>照常取号</translation>
    </message>
    <message>
        <source>Your appointment is noted with this number</source>
        <translation>您的预约已关联此号</translation>
    </message>
    <message>
        <source>No more numbers today</source>
        <translation>今日号已发完</translation>
    </message>
    <message>
        <source>Numbers are paused</source>
        <translation>暂停发号</translation>
    </message>
    <message>
        <source>Numbers are not issued yet</source>
        <translation>尚未开始发号</translation>
    </message>
    <message>
        <source>Vaccination has ended for today</source>
        <translation>今日接种已结束</translation>
    </message>
    <message>
        <source>Numbers cannot be issued right now</source>
        <translation>暂时无法取号</translation>
    </message>
    <message>
        <source>Today&apos;s vaccination capacity is fully booked.</source>
        <translation>今日接种名额已满。</translation>
    </message>
    <message>
        <source>All of today&apos;s vaccine doses are taken.</source>
        <translation>今日疫苗已全部分配完毕。</translation>
    </message>
    <message>
        <source>Issuing is paused for now. Please wait a moment.</source>
        <translation>暂停发号，请稍候。</translation>
    </message>
    <message>
        <source>Today&apos;s vaccination has not started yet.</source>
        <translation>今日接种尚未开始。</translation>
    </message>
    <message>
        <source>Today&apos;s numbers are closed.</source>
        <translation>今日发号已结束。</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the queue system. Please ask the staff.</source>
        <translation>取号机暂时连接不上叫号系统，请询问工作人员。</translation>
    </message>
    <message>
        <source>%1 people ahead of you</source>
        <translation>您前面还有 %1 人</translation>
    </message>
    <message>
        <source>Estimated wait: about %1 minutes</source>
        <translation>预计等候约 %1 分钟</translation>
    </message>
    <message>
        <source>%1 people waiting now</source>
        <translation>现在有 %1 人在等候</translation>
    </message>
    <message>
        <source>%1 people waiting now · about %2 minutes&apos; wait</source>
        <translation>现在有 %1 人在等候 · 预计等候约 %2 分钟</translation>
    </message>
    <message>
        <source>Your appointment is on %1. Please come that day, or take a number as usual today.</source>
        <translation>您的预约日期是%1，欢迎当天前来；今天也可以照常取号。</translation>
    </message>
    <message>
        <source>Your appointment was on %1. Today you may take a number as usual.</source>
        <translation>您的预约日期是%1，今天请照常取号。</translation>
    </message>
    <message>
        <source>Dose %1</source>
        <translation>第%1剂</translation>
    </message>
</context>
</TS>
