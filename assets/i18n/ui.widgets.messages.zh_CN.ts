<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeskMessages</name>
    <message>
        <source>Something went wrong; nothing was saved. Try again.</source>
        <translation>出错了，未保存任何内容。请重试。</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <source>This code is not a ticket of this site.</source>
        <translation>此码不是本接种点的号票。</translation>
    </message>
    <message>
        <source>There is no such number today.</source>
        <translation>今天没有这个号码。</translation>
    </message>
    <message>
        <source>There is no staff member with this name.</source>
        <translation>没有这个姓名的工作人员。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 min.</source>
        <translation>密码错误次数过多：请 %1 分钟后再试。</translation>
    </message>
    <message>
        <source>%1 cannot do that now (it is %2).</source>
        <translation>%1 现在不能这样操作（当前：%2）。</translation>
    </message>
    <message>
        <source>This ticket</source>
        <translation>此号</translation>
    </message>
    <message>
        <source>This desk is still serving %1: save, mark missed or cancel it first.</source>
        <translation>本台仍在办理 %1：请先保存、标记过号或取消。</translation>
    </message>
    <message>
        <source>Some input is missing or not valid.</source>
        <translation>有内容缺失或无效。</translation>
    </message>
    <message>
        <source>No dose is free for this person now.</source>
        <translation>目前没有可用的疫苗剂次。</translation>
    </message>
    <message>
        <source>The service day is not open.</source>
        <translation>今日接种尚未开始。</translation>
    </message>
    <message>
        <source>The service day is already open.</source>
        <translation>今日接种已经开始。</translation>
    </message>
    <message>
        <source>The stock does not allow this.</source>
        <translation>库存不允许此操作。</translation>
    </message>
    <message>
        <source>This lot has expired: choose another lot.</source>
        <translation>此批号已过期：请选择其他批号。</translation>
    </message>
    <message>
        <source>This vial is past its use-by: waste it and open another.</source>
        <translation>此瓶已超过开启后使用时限：请登记废弃并开启新瓶。</translation>
    </message>
    <message>
        <source>This vial is empty: open another vial.</source>
        <translation>此瓶已用完：请开启新瓶。</translation>
    </message>
    <message>
        <source>No unopened vial is left in this lot.</source>
        <translation>此批号已无未开启的疫苗瓶。</translation>
    </message>
    <message>
        <source>This vial is not from the chosen lot.</source>
        <translation>此瓶不属于所选批号。</translation>
    </message>
    <message>
        <source>This lot is not in today&apos;s stock.</source>
        <translation>此批号不在今日库存中。</translation>
    </message>
    <message>
        <source>There is no such vial.</source>
        <translation>没有这个疫苗瓶。</translation>
    </message>
    <message>
        <source>The vial does not have that many doses left.</source>
        <translation>此瓶剩余剂次不足。</translation>
    </message>
    <message>
        <source>Not yet: %1 min of observation left.</source>
        <translation>还不能离开：留观还剩 %1 分钟。</translation>
    </message>
    <message>
        <source>An adverse event is still open: close it before releasing.</source>
        <translation>尚有未结束的不良反应：请先结束再放行。</translation>
    </message>
    <message>
        <source>This document is already registered today on %1.</source>
        <translation>此证件今天已在 %1 登记。</translation>
    </message>
    <message>
        <source>Informed consent must be signed before registering.</source>
        <translation>登记前须签署知情同意书。</translation>
    </message>
    <message>
        <source>Several vaccines are on hand: choose which one this dose is of.</source>
        <translation>今日有多种疫苗：请选择本剂次的疫苗。</translation>
    </message>
    <message>
        <source>This vaccine is not in today&apos;s stock.</source>
        <translation>今日库存中没有此疫苗。</translation>
    </message>
    <message>
        <source>The record says dose %1 is next: enter doses given elsewhere first.</source>
        <translation>记录显示下一剂为第 %1 剂：请先录入外院接种的剂次。</translation>
    </message>
    <message>
        <source>Dose %1 is already on this person&apos;s record.</source>
        <translation>此人的记录中已有第 %1 剂。</translation>
    </message>
    <message>
        <source>This box code is on no lot&apos;s list: choose its lot.</source>
        <translation>该箱码不在任何批号的清单中：请选择批号。</translation>
    </message>
    <message>
        <source>This box is of lot %1, which is not in today&apos;s stock.</source>
        <translation>该药箱属于批号 %1，不在今日库存中。</translation>
    </message>
    <message>
        <source>This box is of lot %1, not of the lot chosen.</source>
        <translation>该药箱属于批号 %1，不是所选批号。</translation>
    </message>
    <message>
        <source>Every dose of this box is already given: scan the box the dose comes from.</source>
        <translation>该药箱的疫苗已全部接种：请扫描本剂所出的药箱。</translation>
    </message>
    <message>
        <source>This box code is already listed for the lot.</source>
        <translation>该箱码已在此批号的清单中。</translation>
    </message>
    <message>
        <source>An adverse event is recorded for %1: the dose was given and cannot be undone.</source>
        <translation>%1 已记录不良反应：该剂已接种，不能撤销。</translation>
    </message>
    <message>
        <source>This document belongs to another person on the record.</source>
        <translation>该证件属于记录中的另一人。</translation>
    </message>
    <message>
        <source>There is no dose on the record to print a slip of.</source>
        <translation>记录中没有可打印凭证的接种剂次。</translation>
    </message>
    <message>
        <source>No record slip: the person has no identity document on record.</source>
        <translation>无法打印接种凭证：此人没有登记身份证件。</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>The database cannot be reached; nothing was saved. Try again.</source>
        <translation>无法连接数据库，未保存任何内容。请重试。</translation>
    </message>
    <message>
        <source>The database refused this entry; nothing was saved. Please tell the technician.</source>
        <translation>数据库拒绝了此项录入，未保存任何内容。请告知技术人员。</translation>
    </message>
    <message>
        <source>Check the field: %1.</source>
        <translation>请检查：%1。</translation>
    </message>
    <message>
        <source>This cannot be done now.</source>
        <translation>现在无法执行此操作。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>转归</translation>
    </message>
    <message>
        <source>dose number</source>
        <translation>剂次</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>doses</source>
        <translation>剂数</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>issuing country</source>
        <translation>签发国家</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>vaccine</source>
        <translation>疫苗</translation>
    </message>
    <message>
        <source>date given</source>
        <translation>接种日期</translation>
    </message>
    <message>
        <source>place</source>
        <translation>接种地点</translation>
    </message>
    <message>
        <source>override reason</source>
        <translation>例外原因</translation>
    </message>
    <message>
        <source>deferral reason</source>
        <translation>暂缓原因</translation>
    </message>
    <message>
        <source>waste reason</source>
        <translation>废弃原因</translation>
    </message>
    <message>
        <source>box code</source>
        <translation>箱码</translation>
    </message>
    <message>
        <source>nothing was read</source>
        <translation>未读到内容</translation>
    </message>
    <message>
        <source>it has characters a box code cannot have</source>
        <translation>含有追溯码不允许的字符</translation>
    </message>
    <message>
        <source>it has the wrong length</source>
        <translation>长度不对</translation>
    </message>
    <message>
        <source>its GTIN check digit is wrong</source>
        <translation>GTIN 校验位错误</translation>
    </message>
    <message>
        <source>its expiry date is not a date</source>
        <translation>有效期不是有效日期</translation>
    </message>
    <message>
        <source>its GS1 fields cannot be read (check the scanner&apos;s GS setting)</source>
        <translation>GS1 字段无法读取（请检查扫码枪的 GS 分隔符设置）</translation>
    </message>
    <message>
        <source>it has no GTIN</source>
        <translation>缺少 GTIN</translation>
    </message>
    <message>
        <source>it is neither a 20-digit code nor a GS1 code</source>
        <translation>既不是20位追溯码，也不是 GS1 码</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Not a valid box code: %1. Scan it again.</source>
        <translation>不是有效的箱码：%1。请重新扫描。</translation>
    </message>
    <message>
        <source>the printer is off or cannot be reached</source>
        <translation>打印机未开机或无法连接</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <source>the printer refused the job</source>
        <translation>打印机拒绝了打印任务</translation>
    </message>
    <message>
        <source>the printer did not answer in time</source>
        <translation>打印机未及时响应</translation>
    </message>
    <message>
        <source>the printer did not confirm that it printed</source>
        <translation>打印机未确认已打印</translation>
    </message>
    <message>
        <source>printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>Too early: due from %1</source>
        <translation>间隔不足：%1 起可接种</translation>
    </message>
    <message>
        <source>The series is complete and this vaccine has no booster dose</source>
        <translation>已完成全程接种，此疫苗无加强针</translation>
    </message>
    <message>
        <source>Too young for this vaccine: allowed from %1</source>
        <translation>未到此疫苗的接种年龄：%1 起可接种</translation>
    </message>
    <message>
        <source>Above this vaccine&apos;s age limit</source>
        <translation>超出此疫苗的接种年龄上限</translation>
    </message>
    <message>
        <source>The age is unknown: the birth date is needed</source>
        <translation>年龄不明：需要出生日期</translation>
    </message>
    <message>
        <source>The dose rules do not allow this dose today</source>
        <translation>按接种规则，今天不能接种此剂次</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>基础</translation>
    </message>
    <message>
        <source>booster</source>
        <translation>加强</translation>
    </message>
    <message>
        <source>paper record</source>
        <translation>外院/纸质凭证</translation>
    </message>
    <message>
        <source>Dose %1</source>
        <translation>第%1剂</translation>
    </message>
    <message>
        <source>Dose %1 (%2)</source>
        <translation>第%1剂 (%2)</translation>
    </message>
    <message>
        <source>waiting for registration</source>
        <translation>等候登记</translation>
    </message>
    <message>
        <source>called to registration</source>
        <translation>已叫号登记</translation>
    </message>
    <message>
        <source>waiting for vaccination</source>
        <translation>等候接种</translation>
    </message>
    <message>
        <source>called to vaccination</source>
        <translation>已叫号接种</translation>
    </message>
    <message>
        <source>in observation</source>
        <translation>留观中</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>left early</source>
        <translation>提前离开</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>not served</source>
        <translation>未办理</translation>
    </message>
    <message>
        <source>in another state</source>
        <translation>其他状态</translation>
    </message>
    <message>
        <source>number taken</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>called</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>called again</source>
        <translation>重呼</translation>
    </message>
    <message>
        <source>marked missed</source>
        <translation>标记过号</translation>
    </message>
    <message>
        <source>reinstated</source>
        <translation>恢复排队</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>vaccinated</source>
        <translation>已接种</translation>
    </message>
    <message>
        <source>observation extended</source>
        <translation>延长留观</translation>
    </message>
    <message>
        <source>adverse event</source>
        <translation>不良反应</translation>
    </message>
    <message>
        <source>adverse event closed</source>
        <translation>不良反应结束</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>ticket reprinted</source>
        <translation>已补打号票</translation>
    </message>
    <message>
        <source>vaccination undone</source>
        <translation>已撤销接种</translation>
    </message>
    <message>
        <source>not served (day closed)</source>
        <translation>未接种（当日已结束）</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>取号机</translation>
    </message>
    <message>
        <source>observation desk</source>
        <translation>留观台</translation>
    </message>
    <message>
        <source>the site&apos;s PC</source>
        <translation>管理电脑</translation>
    </message>
    <message>
        <source>%1 on the site&apos;s PC</source>
        <translation>%1（管理电脑）</translation>
    </message>
    <message>
        <source>the nurse at %1</source>
        <translation>%1的护士</translation>
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
</context>
</TS>
