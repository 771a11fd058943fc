<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApiKeySection</name>
    <message>
        <source>The API key contains spaces, line breaks or non-ASCII letters, which no key has. Paste it again.</source>
        <translation>API 密钥中含有空格、换行或非 ASCII 字符，正确的密钥不会包含这些字符。请重新粘贴。</translation>
    </message>
    <message>
        <source>No system keyring is available: choose a file or this session.</source>
        <translation>没有可用的系统密钥环：请选择保存到文件或仅本次会话。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Keep the key</source>
        <translation>密钥保存位置</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the key in clear while this is ticked</source>
        <translation>勾选时以明文显示密钥</translation>
    </message>
    <message>
        <source>in the system keyring</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>in a file only I can read</source>
        <translation>仅本人可读的文件</translation>
    </message>
    <message>
        <source>for this session only (forgotten on quit)</source>
        <translation>仅本次会话（退出时清除）</translation>
    </message>
    <message>
        <source>Checking whether this computer has a system keyring…</source>
        <translation>正在检查此电脑是否有系统密钥环…</translation>
    </message>
    <message>
        <source>The system keyring refused the key (it may be locked). Unlock it and choose it again, or keep the key for this session only, or in a file that only you can read.</source>
        <translation>系统密钥环拒绝保存密钥（它可能已锁定）。请解锁后再次选择它，或者只在本次会话中保留密钥，或将其保存在一个仅您可读的文件中。</translation>
    </message>
    <message>
        <source>No system keyring was found on this computer, so the key cannot go there. Keep it for this session only, or in a file that only you can read.</source>
        <translation>此电脑上未找到系统密钥环，无法将密钥保存在那里。可以只在本次会话中保留密钥，或将其保存在一个仅您可读的文件中。</translation>
    </message>
    <message>
        <source>In use: the key in the environment variable {0}. It wins over any key stored here; unset it to use the stored key.</source>
        <translation>正在使用：环境变量 {0} 中的密钥。它优先于此处保存的任何密钥；如需使用已保存的密钥，请先取消该环境变量。</translation>
    </message>
    <message>
        <source>In use: the key stored in the system keyring.</source>
        <translation>正在使用：保存在系统密钥环中的密钥。</translation>
    </message>
    <message>
        <source>In use: the key stored in a file only you can read.</source>
        <translation>正在使用：保存在仅您可读的文件中的密钥。</translation>
    </message>
    <message>
        <source>In use: a key kept for this session only.</source>
        <translation>正在使用：仅在本次会话中保留的密钥。</translation>
    </message>
    <message>
        <source>No key yet. Get one in the DashScope (Model Studio) console.</source>
        <translation>尚未设置密钥。请在 DashScope（阿里云百炼）控制台获取。</translation>
    </message>
    <message>
        <source>Checking where the key is kept…</source>
        <translation>正在检查密钥保存在哪里…</translation>
    </message>
    <message>
        <source>The stored key will be removed when you press OK or Apply.</source>
        <translation>按下“确定”或“应用”后，已保存的密钥将被删除。</translation>
    </message>
    <message>
        <source>leave empty to keep the current key</source>
        <translation>留空则保留当前密钥</translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation>删除已保存的密钥</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Send the same image, mask and parameters again as a new job: a new task, billed again.</source>
        <translation>把同样的图片、蒙版和参数作为新任务再次发送：这是一个新任务，会再次计费。</translation>
    </message>
    <message>
        <source>code {0}</source>
        <translation>错误码 {0}</translation>
    </message>
    <message>
        <source>request {0}</source>
        <translation>请求 {0}</translation>
    </message>
    <message>
        <source>Open Preferences…</source>
        <translation>打开偏好设置…</translation>
    </message>
    <message>
        <source>Edit the prompt</source>
        <translation>修改提示词</translation>
    </message>
    <message>
        <source>Switch to wanx2.1-imageedit</source>
        <translation>改用 wanx2.1-imageedit</translation>
    </message>
    <message>
        <source>Choose its task…</source>
        <translation>选择它的任务…</translation>
    </message>
    <message>
        <source>If this keeps happening, look at the log for details.</source>
        <translation>如果问题反复出现，请查看日志了解详情。</translation>
    </message>
    <message>
        <source>Check the API key in Preferences, and that it belongs to the region chosen there (a Beijing key does not work internationally, and the other way round).</source>
        <translation>请在偏好设置中检查 API 密钥，并确认它属于所选的地域（北京地域的密钥不能用于国际地域，反之亦然）。</translation>
    </message>
    <message>
        <source>Open Preferences to fix this.</source>
        <translation>请打开偏好设置进行修改。</translation>
    </message>
    <message>
        <source>The service is busy; the job will be retried automatically.</source>
        <translation>服务繁忙，任务将自动重试。</translation>
    </message>
    <message>
        <source>Change the prompt (or the painted area) and generate again.</source>
        <translation>请修改提示词（或涂抹区域）后重新生成。</translation>
    </message>
    <message>
        <source>The free trial of wanx-x-painting is used up, and it has no paid option. Its successor wanx2.1-imageedit is paid per image: switch the job to it, with the same image, mask and prompt.</source>
        <translation>wanx-x-painting 的免费试用额度已用完，且没有付费选项。它的后继模型 wanx2.1-imageedit 按张计费：可将此任务改用该模型，图片、蒙版和提示词保持不变。</translation>
    </message>
    <message>
        <source>This account cannot use the model, or its free quota is used up. Check the model&apos;s access in the DashScope console, or use the offline engine.</source>
        <translation>此账号无法使用该模型，或免费额度已用完。请在 DashScope 控制台检查模型的访问权限，或使用离线引擎。</translation>
    </message>
    <message>
        <source>Check the account&apos;s billing in the DashScope console.</source>
        <translation>请在 DashScope 控制台检查账号的账单与余额。</translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so the task may exist. It is not sent again automatically; check the job list before generating again.</source>
        <translation>请求已发出但没有收到应答，任务可能已经创建。为避免重复计费，不会自动重新发送；请先查看任务列表，再决定是否重新生成。</translation>
    </message>
    <message>
        <source>Check the internet connection, or the proxy in Preferences.</source>
        <translation>请检查网络连接，或偏好设置中的代理。</translation>
    </message>
    <message>
        <source>A fault on the service&apos;s side; try again in a few minutes.</source>
        <translation>服务端出现故障，请几分钟后再试。</translation>
    </message>
    <message>
        <source>The service keeps tasks for 24 hours; generate again.</source>
        <translation>服务只保留任务 24 小时，请重新生成。</translation>
    </message>
    <message>
        <source>Generate again, perhaps with a different prompt or painted area.</source>
        <translation>请重新生成，可以换一个提示词或涂抹区域。</translation>
    </message>
    <message>
        <source>Fix the input and try again.</source>
        <translation>请修正输入后重试。</translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Job #{0}: which task is its own?</source>
        <translation>作业 #{0}：哪个任务是它的？</translation>
    </message>
    <message>
        <source>The service&apos;s answer to this job was lost, and the account&apos;s task list shows several tasks sent around that moment (another device of this account may have sent some). Choose this job&apos;s task to fetch its images, or send the job again.</source>
        <translation>服务对此作业的应答丢失了，而账户的任务列表在那一时刻附近有多个任务（其中一些可能是本账户的其他设备提交的）。请选择此作业的任务以获取其图片，或重新发送此作业。</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Asking the service for the account&apos;s tasks…</source>
        <translation>正在向服务查询账户的任务…</translation>
    </message>
    <message>
        <source>Sending again creates a new task on the service, and it is billed.</source>
        <translation>重新发送会在服务上创建一个新任务，并且会计费。</translation>
    </message>
    <message>
        <source>Use this task</source>
        <translation>使用此任务</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>No task of the account matches any more; send the job again.</source>
        <translation>账户中已没有匹配的任务；请重新发送此作业。</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Make one request with the key, region and proxy shown here, before saving.</source>
        <translation>在保存之前，使用此处填写的密钥、地域和代理发送一次请求。</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Connected to {0}: the key works.</source>
        <translation>已连接到 {0}：密钥可用。</translation>
    </message>
    <message>
        <source>There is no key to test. Enter one above.</source>
        <translation>没有可测试的密钥。请在上方填写密钥。</translation>
    </message>
    <message>
        <source>The key contains characters no key has (spaces, line breaks or non-ASCII letters). Paste it again.</source>
        <translation>密钥中含有正确的密钥不会包含的字符（空格、换行或非 ASCII 字符）。请重新粘贴。</translation>
    </message>
    <message>
        <source>Wrong key: {0} refused it. Check the key, and that it belongs to the region chosen here (a Beijing key does not work in Singapore, and the other way round).</source>
        <translation>密钥错误：{0} 拒绝了该密钥。请检查密钥，并确认它属于此处所选的地域（北京地域的密钥不能用于新加坡，反之亦然）。</translation>
    </message>
    <message>
        <source>Cannot reach {0}. Check the internet connection, the service URL and the proxy.</source>
        <translation>无法连接到 {0}。请检查网络连接、服务地址和代理。</translation>
    </message>
    <message>
        <source>{0} did not answer in time. Check the internet connection and the proxy.</source>
        <translation>{0} 未能及时应答。请检查网络连接和代理。</translation>
    </message>
    <message>
        <source>The proxy {0} failed: it could not be reached or refused the connection. Check the proxy address, or leave it empty.</source>
        <translation>代理 {0} 出错：无法连接到它，或它拒绝了连接。请检查代理地址，或将其留空。</translation>
    </message>
    <message>
        <source>The key works, but {0} denied access.</source>
        <translation>密钥可用，但 {0} 拒绝了访问。</translation>
    </message>
    <message>
        <source>The key works, but the account has a billing problem.</source>
        <translation>密钥可用，但账号存在账单问题。</translation>
    </message>
    <message>
        <source>{0} is busy right now; try again in a moment.</source>
        <translation>{0} 当前繁忙，请稍后再试。</translation>
    </message>
    <message>
        <source>{0} had an internal problem; try again later.</source>
        <translation>{0} 出现内部问题，请稍后再试。</translation>
    </message>
    <message>
        <source>The test failed at {0}.</source>
        <translation>对 {0} 的测试失败。</translation>
    </message>
</context>
<context>
    <name>Cost</name>
    <message>
        <source>{0} × {1} {2} = {3} {2} (price of {4})</source>
        <translation>{0} × {1} {2} = {3} {2}（{4} 的价格）</translation>
    </message>
    <message>
        <source>A paid job</source>
        <translation>付费任务</translation>
    </message>
    <message>
        <source>{0} is paid per image. This job costs {1}, billed to the account of the API key. Go on? (This is asked once per session.)</source>
        <translation>{0} 按张计费。此任务费用为 {1}，由该 API Key 所属账号支付。是否继续？（每次会话只询问一次。）</translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <source>Open Log Folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Show the folder with the log files, to attach them to a report</source>
        <translation>显示日志文件所在的文件夹，以便附在问题报告中</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>xpaint-desktop ran into an unexpected problem.</source>
        <translation>xpaint-desktop 遇到了意外问题。</translation>
    </message>
    <message>
        <source>Your images and jobs are kept in the library. The details were written to the log file:
{0}

If this keeps happening, please attach that file to a bug report.</source>
        <translation>您的图片和任务都保存在图库中。详细信息已写入日志文件：
{0}

如果问题反复出现，请将该文件附在问题报告中。</translation>
    </message>
</context>
<context>
    <name>DailyBarChart</name>
    <message>
        <source>No usage yet</source>
        <translation>暂无用量</translation>
    </message>
    <message>
        <source>Most in one day: {0}</source>
        <translation>单日最多：{0}</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n image(s)</source>
        <translation>
            <numerusform>{0}：%n 张图片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditorActions</name>
    <message>
        <source>B / E / R / L</source>
        <translation>B / E / R / L</translation>
    </message>
    <message>
        <source>brush, eraser, rectangle, lasso</source>
        <translation>画笔、橡皮擦、矩形、套索</translation>
    </message>
    <message>
        <source>O / W / C</source>
        <translation>O / W / C</translation>
    </message>
    <message>
        <source>object selection, magic wand, colour range</source>
        <translation>对象选择、魔棒、色彩范围</translation>
    </message>
    <message>
        <source>Shift while selecting</source>
        <translation>选择时按住 Shift</translation>
    </message>
    <message>
        <source>add to the mask</source>
        <translation>添加到蒙版</translation>
    </message>
    <message>
        <source>[ and ]</source>
        <translation>[ 和 ]</translation>
    </message>
    <message>
        <source>smaller / larger brush</source>
        <translation>缩小 / 放大画笔</translation>
    </message>
    <message>
        <source>Space + drag, middle button</source>
        <translation>空格 + 拖动，或鼠标中键</translation>
    </message>
    <message>
        <source>move the view</source>
        <translation>移动视图</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Alt while drawing</source>
        <translation>绘制时按住 Alt</translation>
    </message>
    <message>
        <source>subtract from the mask</source>
        <translation>从蒙版中减去</translation>
    </message>
    <message>
        <source>hold \ (backslash)</source>
        <translation>按住 \（反斜杠）</translation>
    </message>
    <message>
        <source>show the original instead of the result</source>
        <translation>显示原图而不是结果</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>undo / redo mask edits</source>
        <translation>撤销 / 重做蒙版编辑</translation>
    </message>
    <message>
        <source>Ctrl+0 / Ctrl+1</source>
        <translation>Ctrl+0 / Ctrl+1</translation>
    </message>
    <message>
        <source>fit to window / 100 %</source>
        <translation>适应窗口 / 100 %</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save result as…</source>
        <translation>结果另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export mask…</source>
        <translation>导出蒙版(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import mask…</source>
        <translation>导入蒙版(&amp;I)…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>偏好设置(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (100 %)</source>
        <translation>实际像素（100 %）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fill mask</source>
        <translation>填满蒙版(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Clear mask</source>
        <translation>清空蒙版(&amp;C)</translation>
    </message>
    <message>
        <source>In&amp;vert mask</source>
        <translation>反转蒙版(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Grow mask</source>
        <translation>扩大蒙版(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Shrink mask</source>
        <translation>收缩蒙版(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keyboard and mouse</source>
        <translation>键盘与鼠标(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About xpaint-desktop</source>
        <translation>关于 xpaint-desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Open the image on the clipboard</source>
        <translation>打开剪贴板中的图片</translation>
    </message>
    <message>
        <source>&amp;Object</source>
        <translation>对象(&amp;O)</translation>
    </message>
    <message>
        <source>Drag a box around a thing to select it (O; Shift adds, Alt subtracts, a box inside the last one refines)</source>
        <translation>拖出一个框围住物体即可选中它（O；Shift 添加，Alt 减去，在上一个框内再画框可细化）</translation>
    </message>
    <message>
        <source>Magic &amp;wand</source>
        <translation>魔棒(&amp;W)</translation>
    </message>
    <message>
        <source>Click a colour region to select it (W; Shift adds, Alt subtracts)</source>
        <translation>点击一片颜色区域即可选中（W；Shift 添加，Alt 减去）</translation>
    </message>
    <message>
        <source>&amp;Colour range</source>
        <translation>色彩范围(&amp;C)</translation>
    </message>
    <message>
        <source>Click colours to preview them (C; Shift+click adds a colour), Enter selects them</source>
        <translation>点击颜色进行预览（C；Shift+点击添加颜色），按 Enter 选中</translation>
    </message>
    <message>
        <source>Mark the whole image for repainting</source>
        <translation>将整张图片标记为重绘区域</translation>
    </message>
    <message>
        <source>Grow the mask by {0} px</source>
        <translation>将蒙版扩大 {0} px</translation>
    </message>
    <message>
        <source>Shrink the mask by {0} px</source>
        <translation>将蒙版收缩 {0} px</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>画笔(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Rectangle</source>
        <translation>矩形(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Lasso</source>
        <translation>套索(&amp;L)</translation>
    </message>
    <message>
        <source>Paint the area to repaint (B)</source>
        <translation>涂抹需要重绘的区域 (B)</translation>
    </message>
    <message>
        <source>Erase from the mask (E)</source>
        <translation>从蒙版中擦除 (E)</translation>
    </message>
    <message>
        <source>Drag a rectangle into the mask (R; Alt subtracts)</source>
        <translation>拖出矩形加入蒙版（R；按住 Alt 则减去）</translation>
    </message>
    <message>
        <source>Draw a free shape into the mask (L; Alt subtracts)</source>
        <translation>画出任意形状加入蒙版（L；按住 Alt 则减去）</translation>
    </message>
</context>
<context>
    <name>EndpointSection</name>
    <message>
        <source>The service URL must be a full address starting with http:// or https://, e.g. https://dashscope.aliyuncs.com/api/v1.</source>
        <translation>服务地址必须是以 http:// 或 https:// 开头的完整地址，例如 https://dashscope.aliyuncs.com/api/v1。</translation>
    </message>
    <message>
        <source>The proxy must look like http://host:port or socks5://host:port (or be empty).</source>
        <translation>代理的格式应为 http://主机:端口 或 socks5://主机:端口（也可以留空）。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Beijing (China mainland)</source>
        <translation>北京（中国内地）</translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation>国际（新加坡）</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation>自定义 URL</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>HTTP 代理</translation>
    </message>
    <message>
        <source>empty: the system&apos;s proxy settings; or e.g. http://127.0.0.1:7890</source>
        <translation>留空则使用系统代理设置；或填写例如 http://127.0.0.1:7890</translation>
    </message>
    <message>
        <source>The environment variable {0} is set to {1}; it is used instead of the region chosen here.</source>
        <translation>环境变量 {0} 设置为 {1}；将使用它，而不是此处所选的地域。</translation>
    </message>
</context>
<context>
    <name>GalleryBadge</name>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>部分完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <source>No picture</source>
        <translation>无图片</translation>
    </message>
</context>
<context>
    <name>GalleryDock</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
</context>
<context>
    <name>GalleryFilterBar</name>
    <message>
        <source>Search prompts and notes</source>
        <translation>搜索提示词和备注</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新优先</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早优先</translation>
    </message>
    <message>
        <source>Prompt A–Z</source>
        <translation>提示词 A–Z</translation>
    </message>
    <message>
        <source>Prompt Z–A</source>
        <translation>提示词 Z–A</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any style</source>
        <translation>全部风格</translation>
    </message>
    <message>
        <source>Any engine</source>
        <translation>全部引擎</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>云端</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>任意模型</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>自定义范围…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>备注：{0}</translation>
    </message>
</context>
<context>
    <name>GalleryWidget</name>
    <message>
        <source>Open in editor</source>
        <translation>在编辑器中打开</translation>
    </message>
    <message>
        <source>Reuse parameters</source>
        <translation>复用参数</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Details and lineage…</source>
        <translation>详情与来源…</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note for job {0}:</source>
        <translation>任务 {0} 的备注：</translation>
    </message>
    <message>
        <source>Export results to</source>
        <translation>导出结果到</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n picture(s).</source>
        <translation>
            <numerusform>已导出 %n 张图片。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <source>Delete jobs</source>
        <translation>删除任务</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n job(s) with their pictures? This cannot be undone.</source>
        <translation>
            <numerusform>删除 %n 个任务及其图片？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete job {0}: {1}</source>
        <translation>无法删除任务 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Default engine</source>
        <translation>默认引擎</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Cloud (DashScope)</source>
        <translation>云端（DashScope）</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>ImageIO</name>
    <message>
        <source>“{0}” does not exist.</source>
        <translation>“{0}” 不存在。</translation>
    </message>
    <message>
        <source>“{0}” is a folder, not an image.</source>
        <translation>“{0}” 是文件夹，不是图片。</translation>
    </message>
    <message>
        <source>“{0}” is empty (0 bytes).</source>
        <translation>“{0}” 是空文件（0 字节）。</translation>
    </message>
    <message>
        <source>“{0}” is not an image this program can read (JPEG, PNG, BMP, WebP, TIFF).</source>
        <translation>“{0}” 不是本程序能读取的图片（支持 JPEG、PNG、BMP、WebP、TIFF）。</translation>
    </message>
    <message>
        <source>“{0}” could not be read: {1}.</source>
        <translation>无法读取“{0}”：{1}。</translation>
    </message>
    <message>
        <source>Could not save “{0}”: {1}</source>
        <translation>无法保存“{0}”：{1}</translation>
    </message>
</context>
<context>
    <name>JobDetailDialog</name>
    <message>
        <source>Open in editor</source>
        <translation>在编辑器中打开</translation>
    </message>
    <message>
        <source>Reuse parameters</source>
        <translation>复用参数</translation>
    </message>
    <message>
        <source>Job {0} is no longer in the library.</source>
        <translation>任务 {0} 已不在图库中。</translation>
    </message>
    <message>
        <source>Job {0}</source>
        <translation>任务 {0}</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>生成数量</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>水印</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Task id</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>生成自</translation>
    </message>
    <message>
        <source>Made from it</source>
        <translation>由此生成</translation>
    </message>
    <message>
        <source>No results yet.</source>
        <translation>暂无结果。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The picture cannot be shown: {0}</source>
        <translation>无法显示图片：{0}</translation>
    </message>
</context>
<context>
    <name>JobList</name>
    <message>
        <source>image, mask and parameters kept; run it again</source>
        <translation>图片、蒙版和参数均已保留，可再次运行</translation>
    </message>
    <message>
        <source>not waited for; its image still arrives</source>
        <translation>不再等待；图片仍会送达</translation>
    </message>
    <message>
        <source>Job #{0} keeps running on the service, which bills it; the window no longer waits for it. Its image is downloaded into the History when it is ready.</source>
        <translation>任务 #{0} 仍在服务端运行并会计费；窗口不再等待它。图片完成后会下载到“历史记录”中。</translation>
    </message>
    <message>
        <source>Job #{0}: the image you stopped waiting for has arrived in the History.</source>
        <translation>任务 #{0}：您不再等待的图片已送达“历史记录”。</translation>
    </message>
</context>
<context>
    <name>JobListView</name>
    <message>
        <source>Stop waiting</source>
        <translation>停止等待</translation>
    </message>
    <message>
        <source>The service is already making this image (and bills it); it cannot be stopped there. The window stops waiting; the image still arrives in the History when it is ready.</source>
        <translation>服务端已在生成这张图片（并会计费），无法在服务端停止。窗口将停止等待；图片完成后仍会出现在历史记录中。</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>A queued job is removed; a job waiting on the service is cancelled there.</source>
        <translation>排队中的任务会被移除；在服务端等待的任务会在服务端取消。</translation>
    </message>
    <message>
        <source>Choose its task…</source>
        <translation>选择它的任务…</translation>
    </message>
    <message>
        <source>Cancel job #{0}</source>
        <translation>取消任务 #{0}</translation>
    </message>
    <message>
        <source>Show results</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
</context>
<context>
    <name>JobNotes</name>
    <message>
        <source>task {0}: {1} for {2}</source>
        <translation>服务端任务 {0}：{1}，已持续 {2}</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>preparing the image</source>
        <translation>正在准备图片</translation>
    </message>
    <message>
        <source>uploading the image and the mask</source>
        <translation>正在上传图片和蒙版</translation>
    </message>
    <message>
        <source>creating the task</source>
        <translation>正在创建服务端任务</translation>
    </message>
    <message>
        <source>checking the account&apos;s task list for this job&apos;s task</source>
        <translation>正在账号的任务列表中查找此任务对应的服务端任务</translation>
    </message>
    <message>
        <source>The service&apos;s answer to the creation request was lost; the account&apos;s task list settles whether a task was made.</source>
        <translation>服务对创建请求的应答丢失了；将根据账号的任务列表确认是否已创建服务端任务。</translation>
    </message>
    <message>
        <source>The offline engine fills the painted area from its surroundings; it ignores the prompt.</source>
        <translation>离线引擎根据周围内容填充涂抹区域，会忽略提示词。</translation>
    </message>
    <message>
        <source>downloading the results</source>
        <translation>正在下载结果</translation>
    </message>
    <message>
        <source>no image came back</source>
        <translation>没有返回任何图片</translation>
    </message>
    <message>
        <source>The creation request got no answer, and the account has several tasks from that moment: choose the one that belongs to this job, or send the job again.</source>
        <translation>创建请求没有收到应答，而账号在那一时刻有多个服务端任务：请选择属于此任务的那一个，或重新发送此任务。</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>stopped waiting; the task runs on and its result is downloaded when it is ready</source>
        <translation>已停止等待；服务端任务仍在运行，完成后会下载其结果</translation>
    </message>
    <message>
        <source>stopped; it will resume</source>
        <translation>已暂停；之后会继续</translation>
    </message>
    <message>
        <source>{0}; {1}</source>
        <translation>{0}；{1}</translation>
    </message>
    <message>
        <source>task {0}: {1}</source>
        <translation>服务端任务 {0}：{1}</translation>
    </message>
    <message>
        <source>task {0} queued on the service</source>
        <translation>服务端任务 {0} 已在服务端排队</translation>
    </message>
    <message>
        <source>adopted task {0} from the task list</source>
        <translation>已从任务列表中认领服务端任务 {0}</translation>
    </message>
    <message>
        <source>resuming task {0}</source>
        <translation>正在继续服务端任务 {0}</translation>
    </message>
    <message>
        <source>Task {0} was cancelled on the service.</source>
        <translation>服务端任务 {0} 已在服务端被取消。</translation>
    </message>
    <message>
        <source>Cancelled. Task {0} goes on running on the service and is billed; its result is not downloaded.</source>
        <translation>已取消。服务端任务 {0} 仍在服务端运行并会计费；其结果不会被下载。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) ready</source>
        <translation>
            <numerusform>%n 张图片已就绪</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {0} images ready</source>
        <translation>
            <numerusform>{0} 张图片中 %n 张已就绪</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not downloaded yet, fetched again on resume</source>
        <translation>
            <numerusform>%n 张尚未下载，继续时会重新获取</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRestore</name>
    <message>
        <source>The mask of job #{0} is {1} × {2} px but its image is {3} × {4} px; the job&apos;s files were changed outside the program.</source>
        <translation>任务 #{0} 的蒙版为 {1} × {2} 像素，但其图片为 {3} × {4} 像素；该任务的文件在程序之外被修改过。</translation>
    </message>
</context>
<context>
    <name>JobStage</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>上传中</translation>
    </message>
    <message>
        <source>Submitting</source>
        <translation>提交中</translation>
    </message>
    <message>
        <source>Queued on the service</source>
        <translation>服务端排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Suspended by the service</source>
        <translation>已被服务端挂起</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Partly done</source>
        <translation>部分完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Expired on the service</source>
        <translation>服务端已过期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Checking with the service</source>
        <translation>正在向服务核实</translation>
    </message>
    <message>
        <source>Needs your choice</source>
        <translation>需要您选择</translation>
    </message>
</context>
<context>
    <name>LibrarySection</name>
    <message>
        <source>The environment variable XPAINT_HOME is set to {0}; it decides where the library is, so it cannot be moved here. Unset it first.</source>
        <translation>环境变量 XPAINT_HOME 设置为 {0}；图库的位置由它决定，因此无法在这里移动。请先取消该环境变量。</translation>
    </message>
    <message>
        <source>Moving the library to {0}…</source>
        <translation>正在将图库移动到 {0}…</translation>
    </message>
    <message>
        <source>Choose an empty folder for the library</source>
        <translation>为图库选择一个空文件夹</translation>
    </message>
    <message>
        <source>The library was moved to {0}.</source>
        <translation>图库已移动到 {0}。</translation>
    </message>
    <message>
        <source>The library could not be moved: {0}</source>
        <translation>无法移动图库：{0}</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Every job, with its inputs and results, is kept in:</source>
        <translation>所有任务及其输入和结果都保存在：</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <source>Copy the library to an empty folder, check the copy, then remove the old one</source>
        <translation>将图库复制到一个空文件夹，校验副本后删除旧图库</translation>
    </message>
    <message>
        <source>The move happens at once, whether or not you press OK.</source>
        <translation>移动会立即执行，无论是否按下“确定”。</translation>
    </message>
    <message>
        <source>The environment variable XPAINT_HOME sets the library folder; it cannot be moved here.</source>
        <translation>图库文件夹由环境变量 XPAINT_HOME 设定，无法在这里移动。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source> Size </source>
        <translation> 大小 </translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Brush diameter in image pixels ([ and ] change it)</source>
        <translation>画笔直径，单位为图像像素（按 [ 和 ] 调整）</translation>
    </message>
    <message>
        <source>Job sent to the queue</source>
        <translation type="vanished">任务已加入队列</translation>
    </message>
    <message>
        <source>Job #{0}: {1}</source>
        <translation>任务 #{0}：{1}</translation>
    </message>
    <message>
        <source>The job failed.</source>
        <translation>任务失败。</translation>
    </message>
    <message>
        <source>Job #{0}</source>
        <translation>任务 #{0}</translation>
    </message>
    <message>
        <source>The job was not created</source>
        <translation>任务未能创建</translation>
    </message>
    <message>
        <source>Job #{0} can no longer be cancelled: the service is already working on it.</source>
        <translation>任务 #{0} 已无法取消：服务端已开始处理。</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>Images ({0});;All files (*)</source>
        <translation>图片 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>The job library cannot be opened</source>
        <translation>无法打开任务图库</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>These inputs are already being generated; nothing new was sent.</source>
        <translation>这些输入正在生成中，没有发送新的任务。</translation>
    </message>
    <message>
        <source>Continuing 1 unfinished job from the last session.</source>
        <translation>正在继续上次未完成的 1 个任务。</translation>
    </message>
    <message>
        <source>Continuing {0} unfinished jobs from the last session.</source>
        <translation>正在继续上次未完成的 {0} 个任务。</translation>
    </message>
    <message>
        <source>Job #{0}: the service&apos;s answer was lost and several of the account&apos;s tasks could be its own. Choose its task, or send it again.</source>
        <translation>作业 #{0}：服务的应答丢失了，账户中有多个任务可能属于它。请选择它的任务，或重新发送。</translation>
    </message>
    <message>
        <source>Job #{0} expired on the service (it keeps tasks for 24 hours). Its image, mask and parameters are kept: choose “Run again” in the job list or the History.</source>
        <translation>任务 #{0} 在服务端已过期（服务只保留任务 24 小时）。它的图片、蒙版和参数均已保留：请在任务列表或历史记录中选择“再次运行”。</translation>
    </message>
    <message>
        <source>Job #{0} is already being run again; nothing new was sent.</source>
        <translation>任务 #{0} 已在再次运行中；没有发送新任务。</translation>
    </message>
    <message>
        <source>Job #{0} sent to the queue again</source>
        <translation>任务 #{0} 已重新加入队列</translation>
    </message>
    <message>
        <source>Job #{0} is no longer in the library.</source>
        <translation>任务 #{0} 已不在图库中。</translation>
    </message>
    <message>
        <source>Opening job #{0}…</source>
        <translation>正在打开任务 #{0}…</translation>
    </message>
    <message>
        <source>Job #{0} is in the editor with its mask and parameters</source>
        <translation>任务 #{0} 已连同蒙版和参数载入编辑器</translation>
    </message>
    <message>
        <source>Parameters applied to the current image</source>
        <translation>参数已应用到当前图片</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>“{0}” is {1} × {2} px; the cloud service needs more than {3} px on each side. The offline engine works, or open a larger image.</source>
        <translation>“{0}” 的尺寸为 {1} × {2} 像素；云端服务要求每边大于 {3} 像素。可以改用离线引擎，或打开更大的图片。</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>The clipboard holds no image. Copy an image (or an image file) first.</source>
        <translation>剪贴板中没有图片。请先复制一张图片（或图片文件）。</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <source>Prompt and parameters restored from {0}</source>
        <translation>已从 {0} 恢复提示词和参数</translation>
    </message>
    <message>
        <source>Export mask</source>
        <translation>导出蒙版</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not export the mask: {0}</source>
        <translation>无法导出蒙版：{0}</translation>
    </message>
    <message>
        <source>Mask saved to {0}</source>
        <translation>蒙版已保存到 {0}</translation>
    </message>
    <message>
        <source>Import mask</source>
        <translation>导入蒙版</translation>
    </message>
    <message>
        <source>{grey} of its pixels are {source} values between black and white; they were read with threshold {threshold} (lighter than {threshold} = repaint), so {painted} of the picture will be repainted</source>
        <translation>其中 {grey} 的像素是介于黑白之间的{source}值；已按阈值 {threshold} 读取（高于 {threshold} = 重绘），因此画面的 {painted} 将被重绘</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>transparency</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Mask {0}: {1}</source>
        <translation>蒙版 {0}：{1}</translation>
    </message>
    <message>
        <source>This result belongs to another image. Use “Use as new base” to continue from it.</source>
        <translation>此结果属于另一张图片。请使用“作为新底图”在它的基础上继续编辑。</translation>
    </message>
    <message>
        <source>Select a result first.</source>
        <translation>请先选择一个结果。</translation>
    </message>
    <message>
        <source>Save result as</source>
        <translation>结果另存为</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;All files (*)</source>
        <translation>PNG 图片 (*.png);;JPEG 图片 (*.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>The offline engine fills the painted area from its surroundings; it ignores the prompt.</source>
        <translation type="vanished">离线引擎根据周围内容填充涂抹区域，会忽略提示词。</translation>
    </message>
    <message>
        <source>Jobs are still queued or running: wait for them or cancel them first.</source>
        <translation>仍有任务在排队或运行中：请等待它们完成，或先取消它们。</translation>
    </message>
    <message>
        <source>API key: {0}</source>
        <translation>API 密钥：{0}</translation>
    </message>
    <message>
        <source>No API key — &lt;a href=&quot;prefs&quot;&gt;set one&lt;/a&gt; or use the offline engine</source>
        <translation>没有 API 密钥 — &lt;a href=&quot;prefs&quot;&gt;设置密钥&lt;/a&gt;，或使用离线引擎</translation>
    </message>
    <message>
        <source>environment variable</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>system keyring</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>private file</source>
        <translation>私有文件</translation>
    </message>
    <message>
        <source>this session only</source>
        <translation>仅本次会话</translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation>键盘与鼠标</translation>
    </message>
    <message>
        <source>About xpaint-desktop</source>
        <translation>关于 xpaint-desktop</translation>
    </message>
    <message>
        <source>xpaint-desktop {0}
Paint over part of a photo, say what should be there, get it back.</source>
        <translation>xpaint-desktop {0}
在照片上涂抹要修改的部分，描述想要的内容，得到局部重绘的结果。</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <source>Set mask</source>
        <translation>设置蒙版</translation>
    </message>
    <message>
        <source>Import mask</source>
        <translation>导入蒙版</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Brush stroke</source>
        <translation>画笔涂抹</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Fill mask</source>
        <translation>填满蒙版</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>清空蒙版</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>反转蒙版</translation>
    </message>
    <message>
        <source>Grow mask</source>
        <translation>扩大蒙版</translation>
    </message>
    <message>
        <source>Shrink mask</source>
        <translation>收缩蒙版</translation>
    </message>
    <message>
        <source>Magic wand</source>
        <translation>魔棒</translation>
    </message>
    <message>
        <source>Colour range</source>
        <translation>色彩范围</translation>
    </message>
    <message>
        <source>Smooth edge</source>
        <translation>平滑边缘</translation>
    </message>
    <message>
        <source>Select object</source>
        <translation>选择对象</translation>
    </message>
    <message>
        <source>Add object</source>
        <translation>添加对象</translation>
    </message>
    <message>
        <source>Subtract object</source>
        <translation>减去对象</translation>
    </message>
    <message>
        <source>Refine selection</source>
        <translation>细化选区</translation>
    </message>
</context>
<context>
    <name>MaskColorDialog</name>
    <message>
        <source>Colours of the mask</source>
        <translation>蒙版的颜色</translation>
    </message>
    <message>
        <source>{0} is a coloured picture. Tick the colours that mark the area to repaint; every other colour is kept.</source>
        <translation>{0} 是一张彩色图片。请勾选标记重绘区域的颜色；其余颜色都会保留。</translation>
    </message>
    <message>
        <source>RGB {0}, {1}, {2} — {3} % of the picture</source>
        <translation>RGB {0}, {1}, {2} — 占图片的 {3} %</translation>
    </message>
</context>
<context>
    <name>MaskView</name>
    <message>
        <source>Show &amp;mask</source>
        <translation>显示蒙版(&amp;M)</translation>
    </message>
    <message>
        <source>Show or hide the mask over the photo or result (M)</source>
        <translation>在照片或结果上显示或隐藏蒙版（M）</translation>
    </message>
    <message>
        <source>Mask &amp;colour…</source>
        <translation>蒙版颜色(&amp;C)…</translation>
    </message>
    <message>
        <source> Mask </source>
        <translation> 蒙版 </translation>
    </message>
    <message>
        <source>How strongly the mask covers the picture</source>
        <translation>蒙版覆盖图片的浓淡</translation>
    </message>
    <message>
        <source> Hardness </source>
        <translation> 硬度 </translation>
    </message>
    <message>
        <source>Brush edge: 100 % paints exactly the brush size, softer edges paint less</source>
        <translation>画笔边缘：100 % 正好按画笔大小涂抹，边缘越软涂抹范围越小</translation>
    </message>
    <message>
        <source>Mask colour</source>
        <translation>蒙版颜色</translation>
    </message>
</context>
<context>
    <name>Model</name>
    <message>
        <source>{0} (paid per image)</source>
        <translation>{0}（按张计费）</translation>
    </message>
    <message>
        <source>{0} (free trial)</source>
        <translation>{0}（免费试用）</translation>
    </message>
</context>
<context>
    <name>OutputSize</name>
    <message>
        <source>square</source>
        <translation>方形</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>纵向</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Describe what should appear in the painted area</source>
        <translation>描述涂抹区域中应出现的内容</translation>
    </message>
    <message>
        <source>Auto (closest to the painted area&apos;s shape)</source>
        <translation>自动（最接近涂抹区域的形状）</translation>
    </message>
    <message>
        <source>How many variants to generate at once</source>
        <translation>一次生成几张图片</translation>
    </message>
    <message>
        <source>wanx-x-painting is a free trial of 500 images per account; its successor wanx2.1-imageedit is paid per image and takes longer prompts and a seed</source>
        <translation>wanx-x-painting 为免费试用，每个账号 500 张；其后继模型 wanx2.1-imageedit 按张计费，支持更长的提示词和随机种子</translation>
    </message>
    <message>
        <source>Mark the result as AI-generated</source>
        <translation>在结果上标注“AI 生成”</translation>
    </message>
    <message>
        <source>Cloud (DashScope)</source>
        <translation>云端（DashScope）</translation>
    </message>
    <message>
        <source>Offline (fills from the surroundings)</source>
        <translation>离线（根据周围内容填充）</translation>
    </message>
    <message>
        <source>Around the painted area</source>
        <translation>涂抹区域周边</translation>
    </message>
    <message>
        <source>Whole image</source>
        <translation>整张图片</translation>
    </message>
    <message>
        <source>Around the painted area: a crop around the mask is sent, so small areas get more detail. Whole image: the entire picture is sent.</source>
        <translation>涂抹区域周边：只发送蒙版周围裁剪出的区域，小区域能获得更多细节。整张图片：发送完整的图片。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>How softly the result blends into the photo at the mask&apos;s edge</source>
        <translation>结果在蒙版边缘与照片融合的柔和程度</translation>
    </message>
    <message>
        <source>The offline engine ignores the prompt.</source>
        <translation>离线引擎会忽略提示词。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>水印</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片数量</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文范围</translation>
    </message>
    <message>
        <source>Feather</source>
        <translation>羽化</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Open an image first (File ▸ Open, or drop a file on the window).</source>
        <translation>请先打开一张图片（文件 ▸ 打开，或将文件拖到窗口中）。</translation>
    </message>
    <message>
        <source>Paint over the area to change (the mask is empty).</source>
        <translation>请涂抹需要修改的区域（蒙版为空）。</translation>
    </message>
    <message>
        <source>Enter a DashScope API key in Preferences, or use the offline engine.</source>
        <translation>请在偏好设置中填写 DashScope API 密钥，或使用离线引擎。</translation>
    </message>
    <message>
        <source>Type a prompt: what should appear in the painted area.</source>
        <translation>请输入提示词：涂抹区域中应出现什么。</translation>
    </message>
    <message>
        <source>{0} is not offered by the chosen endpoint ({1}). Choose the Beijing endpoint in Preferences, or another model.</source>
        <translation>所选服务地址（{1}）不提供 {0}。请在首选项中选择北京服务地址，或换用其他模型。</translation>
    </message>
    <message>
        <source>Cost of this job: {0}</source>
        <translation>此任务费用：{0}</translation>
    </message>
    <message>
        <source>{0} characters past the limit are cut by the service.</source>
        <translation>超出上限的 {0} 个字符会被服务截掉。</translation>
    </message>
    <message>
        <source>The service reads up to {0} characters.</source>
        <translation>服务最多读取 {0} 个字符。</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation>生成（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>There is no key to test. Enter one above.</source>
        <translation>没有可测试的密钥。请在上方填写密钥。</translation>
    </message>
    <message>
        <source>The system keyring refused the key (it may be locked). Unlock it and press OK again, or keep the key in a file or for this session only.</source>
        <translation>系统密钥环拒绝保存密钥（它可能已锁定）。请解锁后再次按“确定”，或将密钥保存在文件中或仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>No system keyring is available to store the key. Keep it in a file or for this session only.</source>
        <translation>没有可用于保存密钥的系统密钥环。请将密钥保存在文件中，或仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>The key could not be written to {0}: {1}. Check that you may write to that folder and that the disk is not full, or keep the key in the system keyring or for this session only.</source>
        <translation>无法将密钥写入 {0}：{1}。请检查您是否有权写入该文件夹以及磁盘是否已满，或将密钥保存在系统密钥环中或仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>Could not store the API key ({0}). Nothing was saved.</source>
        <translation>无法保存 API 密钥（{0}）。未保存任何内容。</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="vanished">显示</translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation type="vanished">删除已保存的密钥</translation>
    </message>
    <message>
        <source>System keyring</source>
        <translation type="vanished">系统密钥环</translation>
    </message>
    <message>
        <source>A file readable only by me</source>
        <translation type="vanished">仅本人可读的文件</translation>
    </message>
    <message>
        <source>This session only (forget on quit)</source>
        <translation type="vanished">仅本次会话（退出时清除）</translation>
    </message>
    <message>
        <source>No system keyring was found. Keep the key for this session only, or in a file in the configuration folder that only you can read.</source>
        <translation type="vanished">未找到系统密钥环。可以只在本次会话中保留密钥，或将其保存在配置文件夹中一个仅您可读的文件里。</translation>
    </message>
    <message>
        <source>Beijing (China mainland)</source>
        <translation type="vanished">北京（中国内地）</translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation type="vanished">国际（新加坡）</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation type="vanished">自定义 URL</translation>
    </message>
    <message>
        <source>none, or e.g. http://127.0.0.1:7890</source>
        <translation type="vanished">不使用，或例如 http://127.0.0.1:7890</translation>
    </message>
    <message>
        <source>Cloud (DashScope)</source>
        <translation type="vanished">云端（DashScope）</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="vanished">离线</translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="vanished">API 密钥</translation>
    </message>
    <message>
        <source>Keep the key in</source>
        <translation type="vanished">密钥保存位置</translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="vanished">地域</translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation type="vanished">服务地址</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="vanished">代理</translation>
    </message>
    <message>
        <source>Default engine</source>
        <translation type="vanished">默认引擎</translation>
    </message>
    <message>
        <source>A key is set in the environment variable {0}; it is used before any stored key.</source>
        <translation type="vanished">环境变量 {0} 中设置了密钥，它优先于已保存的密钥。</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring.</source>
        <translation type="vanished">密钥已保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>A key is stored in a private file.</source>
        <translation type="vanished">密钥已保存在私有文件中。</translation>
    </message>
    <message>
        <source>A key is kept for this session only.</source>
        <translation type="vanished">密钥仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>No key yet. Get one in the DashScope (Model Studio) console.</source>
        <translation type="vanished">尚未设置密钥。请在 DashScope（阿里云百炼）控制台获取。</translation>
    </message>
    <message>
        <source>leave empty to keep the current key</source>
        <translation type="vanished">留空则保留当前密钥</translation>
    </message>
    <message>
        <source>The proxy must look like http://host:port or socks5://host:port.</source>
        <translation type="vanished">代理的格式应为 http://主机:端口 或 socks5://主机:端口。</translation>
    </message>
    <message>
        <source>The service URL must start with http:// or https://.</source>
        <translation type="vanished">服务地址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>Could not save the settings: {0}</source>
        <translation>无法保存设置：{0}</translation>
    </message>
</context>
<context>
    <name>PromptEdit</name>
    <message>
        <source>The service ignores everything past this point.</source>
        <translation>服务会忽略此处之后的所有内容。</translation>
    </message>
</context>
<context>
    <name>Region</name>
    <message>
        <source>Beijing</source>
        <translation>北京</translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation>国际（新加坡）</translation>
    </message>
</context>
<context>
    <name>ResultsStrip</name>
    <message>
        <source>Results appear here when a job finishes.</source>
        <translation>任务完成后，结果会显示在这里。</translation>
    </message>
    <message>
        <source>Hold to compare ( \ )</source>
        <translation>按住对比 ( \ )</translation>
    </message>
    <message>
        <source>Shows the original while held; over the canvas, hold the \ key</source>
        <translation>按住时显示原图；在画布上可按住 \ 键</translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation>前后对比</translation>
    </message>
    <message>
        <source>Left of the line: original; right: result</source>
        <translation>分隔线左侧为原图，右侧为结果</translation>
    </message>
    <message>
        <source>Use as new base</source>
        <translation>作为新底图</translation>
    </message>
    <message>
        <source>Continue editing from this result</source>
        <translation>在此结果的基础上继续编辑</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Job #{0}: {1} of {2} images</source>
        <translation>任务 #{0}：{1} / {2} 张图片</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
</context>
<context>
    <name>SeedEdit</name>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>The same seed, prompt and images give the same picture again; Random lets the service choose</source>
        <translation>相同的种子、提示词和图片会生成相同的结果；选“随机”则由服务自行选择</translation>
    </message>
    <message>
        <source>Draw a new seed</source>
        <translation>随机抽取一个新种子</translation>
    </message>
</context>
<context>
    <name>SelectionOptionsBar</name>
    <message>
        <source>Selection</source>
        <translation>选区</translation>
    </message>
    <message>
        <source> Tolerance </source>
        <translation> 容差 </translation>
    </message>
    <message>
        <source>How far a colour may be from the picked one (0-255 in every channel)</source>
        <translation>颜色与所选颜色允许相差多少（每个通道 0-255）</translation>
    </message>
    <message>
        <source>Contiguous</source>
        <translation>连续</translation>
    </message>
    <message>
        <source>The wand takes only the region around the click, not the colour everywhere</source>
        <translation>魔棒只选取点击处相连的区域，而不是所有同色像素</translation>
    </message>
    <message>
        <source>Apply colours</source>
        <translation>应用颜色</translation>
    </message>
    <message>
        <source>Select the picked colours (Enter; Shift adds to the mask, Alt subtracts)</source>
        <translation>选中所选颜色（Enter；Shift 添加到蒙版，Alt 减去）</translation>
    </message>
    <message>
        <source>Drop colours</source>
        <translation>放弃颜色</translation>
    </message>
    <message>
        <source>Forget the picked colours (Esc)</source>
        <translation>清除已选颜色（Esc）</translation>
    </message>
    <message>
        <source> Edge </source>
        <translation> 边缘 </translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Smooth</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Smooth the mask&apos;s outline over this many pixels</source>
        <translation>按此像素数平滑蒙版轮廓</translation>
    </message>
    <message>
        <source> Feather </source>
        <translation> 羽化 </translation>
    </message>
    <message>
        <source>How wide the new picture blends into the photo at the mask&apos;s edge</source>
        <translation>新画面在蒙版边缘与照片融合的宽度</translation>
    </message>
    <message>
        <source> Colours: {0} </source>
        <translation> 颜色：{0} </translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>API key refused</source>
        <translation>API 密钥被拒绝</translation>
    </message>
    <message>
        <source>Billing problem</source>
        <translation>账户欠费或未开通</translation>
    </message>
    <message>
        <source>Free quota used up</source>
        <translation>免费额度已用完</translation>
    </message>
    <message>
        <source>No access to the model</source>
        <translation>无权使用该模型</translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation>访问被拒绝</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>请求过于频繁</translation>
    </message>
    <message>
        <source>Rejected by content moderation</source>
        <translation>未通过内容审核</translation>
    </message>
    <message>
        <source>Suspected IP infringement</source>
        <translation>疑似侵犯知识产权</translation>
    </message>
    <message>
        <source>The service timed out</source>
        <translation>服务超时</translation>
    </message>
    <message>
        <source>Fault on the service</source>
        <translation>服务内部故障</translation>
    </message>
    <message>
        <source>Model unavailable</source>
        <translation>模型暂不可用</translation>
    </message>
    <message>
        <source>Parameter refused</source>
        <translation>参数被拒绝</translation>
    </message>
    <message>
        <source>Image address refused</source>
        <translation>图片地址无效</translation>
    </message>
    <message>
        <source>Input image not downloaded</source>
        <translation>服务未能下载输入图片</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>请求被拒绝</translation>
    </message>
    <message>
        <source>Model not offered in this region</source>
        <translation>该地域不提供此模型</translation>
    </message>
    <message>
        <source>Not found on the service</source>
        <translation>服务端未找到</translation>
    </message>
    <message>
        <source>The service could not make the image</source>
        <translation>服务未能生成图片</translation>
    </message>
    <message>
        <source>Expired on the service</source>
        <translation>已在服务端过期</translation>
    </message>
    <message>
        <source>Cancelled on the service</source>
        <translation>已在服务端取消</translation>
    </message>
    <message>
        <source>Image not downloaded yet</source>
        <translation>图片尚未下载</translation>
    </message>
    <message>
        <source>Image link expired</source>
        <translation>图片链接已过期</translation>
    </message>
    <message>
        <source>The service sent no image</source>
        <translation>服务未返回图片</translation>
    </message>
    <message>
        <source>Service error {0}</source>
        <translation>服务错误 {0}</translation>
    </message>
    <message>
        <source>The service refused the API key: it is wrong, or it belongs to the other region. Check the key and the region in Preferences.</source>
        <translation>服务拒绝了 API 密钥：密钥有误，或属于另一个地域。请在“首选项”中检查密钥和地域。</translation>
    </message>
    <message>
        <source>The account is overdue, or the service is not purchased. Check billing in the Alibaba Cloud console, then run the job again.</source>
        <translation>账户已欠费，或尚未开通该服务。请在阿里云控制台检查账单，然后重新运行任务。</translation>
    </message>
    <message>
        <source>The model&apos;s free quota is used up, and wanx-x-painting has no paid option. Switch the job to its successor wanx2.1-imageedit, which is paid per image.</source>
        <translation>该模型的免费额度已用完，wanx-x-painting 没有付费选项。请把任务切换到其后继模型 wanx2.1-imageedit（按张计费）。</translation>
    </message>
    <message>
        <source>This account has not activated the model. Activate it in the Model Studio console, or use the offline engine.</source>
        <translation>该账户尚未开通此模型。请在百炼（Model Studio）控制台开通，或改用离线引擎。</translation>
    </message>
    <message>
        <source>The service denied access: the account cannot use this model, or its quota is used up. Check the model&apos;s access in the DashScope console.</source>
        <translation>服务拒绝访问：该账户无法使用此模型，或其额度已用完。请在 DashScope 控制台检查模型权限。</translation>
    </message>
    <message>
        <source>The service got too many requests at once and asked to slow down. Wait a moment; a waiting job is retried automatically.</source>
        <translation>服务同时收到的请求过多，要求放慢速度。请稍候；等待中的任务会自动重试。</translation>
    </message>
    <message>
        <source>The service&apos;s content moderation rejected the prompt or the image. Change the prompt or the painted area and generate again.</source>
        <translation>服务的内容审核拒绝了提示词或图片。请修改提示词或涂抹区域后重新生成。</translation>
    </message>
    <message>
        <source>The service suspects that the prompt or the image infringes intellectual property (a brand, a character). Change them and generate again.</source>
        <translation>服务怀疑提示词或图片侵犯知识产权（如商标、角色）。请修改后重新生成。</translation>
    </message>
    <message>
        <source>The service ran out of time while making the image. Nothing is wrong with the inputs: run the job again later.</source>
        <translation>服务生成图片时超时。输入没有问题：请稍后重新运行任务。</translation>
    </message>
    <message>
        <source>The service had an internal fault. Nothing is wrong with the inputs: run the job again in a few minutes.</source>
        <translation>服务发生内部故障。输入没有问题：请几分钟后重新运行任务。</translation>
    </message>
    <message>
        <source>The model is unavailable on the service for now. Run the job again later.</source>
        <translation>该模型在服务端暂时不可用。请稍后重新运行任务。</translation>
    </message>
    <message>
        <source>The service refused one of the job&apos;s parameters; its own words name which. Change that parameter and generate again.</source>
        <translation>服务拒绝了任务的某个参数，服务原文指明了是哪一个。请修改该参数后重新生成。</translation>
    </message>
    <message>
        <source>The service could not use the address of an input image. Run the job again: its images are uploaded again.</source>
        <translation>服务无法使用输入图片的地址。请重新运行任务：图片会重新上传。</translation>
    </message>
    <message>
        <source>The service could not download the uploaded image or mask. Run the job again: its images are uploaded again.</source>
        <translation>服务未能下载已上传的图片或蒙版。请重新运行任务：图片会重新上传。</translation>
    </message>
    <message>
        <source>The service could not accept the request. Run the job again; if it keeps failing, its own words say why.</source>
        <translation>服务无法接受此请求。请重新运行任务；如果一直失败，服务原文说明了原因。</translation>
    </message>
    <message>
        <source>The service does not offer this model in the chosen region. Choose the other region in Preferences, or another model.</source>
        <translation>服务在所选地域不提供此模型。请在“首选项”中选择另一个地域，或换一个模型。</translation>
    </message>
    <message>
        <source>The service could not find what was asked for (a task or a file). Run the job again.</source>
        <translation>服务找不到所请求的内容（任务或文件）。请重新运行任务。</translation>
    </message>
    <message>
        <source>The service could not make the image. Run the job again, perhaps with another prompt or painted area.</source>
        <translation>服务未能生成图片。请重新运行任务，也可以换个提示词或涂抹区域。</translation>
    </message>
    <message>
        <source>The service keeps tasks and their images for 24 hours only. The image, mask and parameters are kept here: run the job again.</source>
        <translation>服务只保留任务及其图片 24 小时。图片、蒙版和参数都保存在本地：请重新运行任务。</translation>
    </message>
    <message>
        <source>The task was cancelled on the service (from another device, or by the service). Run the job again to get the image.</source>
        <translation>任务已在服务端取消（在其他设备上，或由服务取消）。如需图片，请重新运行任务。</translation>
    </message>
    <message>
        <source>The image was made but could not be downloaded. It is fetched again when the job resumes (its link lasts 24 hours); check the internet connection.</source>
        <translation>图片已生成但未能下载。任务恢复时会再次下载（链接有效期 24 小时）；请检查网络连接。</translation>
    </message>
    <message>
        <source>The image&apos;s link on the service has expired (links last 24 hours), so it can no longer be downloaded. Run the job again.</source>
        <translation>服务上的图片链接已过期（有效期 24 小时），无法再下载。请重新运行任务。</translation>
    </message>
    <message>
        <source>The service sent back a file that is not an image. Run the job again.</source>
        <translation>服务返回的文件不是图片。请重新运行任务。</translation>
    </message>
    <message>
        <source>The service reported an error this version does not know ({0}). Its own words say more; run the job again, or look at the log.</source>
        <translation>服务报告了本版本不认识的错误（{0}）。服务原文有更多说明；请重新运行任务，或查看日志。</translation>
    </message>
    <message>
        <source>Service said: {0}</source>
        <translation>服务原文：{0}</translation>
    </message>
</context>
<context>
    <name>Style</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>3D cartoon</source>
        <translation>3D卡通</translation>
    </message>
    <message>
        <source>Anime</source>
        <translation>动画</translation>
    </message>
    <message>
        <source>Oil painting</source>
        <translation>油画</translation>
    </message>
    <message>
        <source>Watercolour</source>
        <translation>水彩</translation>
    </message>
    <message>
        <source>Sketch</source>
        <translation>素描</translation>
    </message>
    <message>
        <source>Chinese painting</source>
        <translation>中国画</translation>
    </message>
    <message>
        <source>Flat illustration</source>
        <translation>扁平插画</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>最近 365 天</translation>
    </message>
    <message>
        <source>Counted from this library (cloud jobs only). Images made with the same API key elsewhere are not included.</source>
        <translation>根据本图库统计（仅云端任务）。使用同一 API 密钥在其他地方生成的图片不计算在内。</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} free trial images used ({3}%)</source>
        <translation>{0}：免费试用已用 {1} / {2} 张（{3}%）</translation>
    </message>
    <message>
        <source>{0}: images made {1}, cost {2}</source>
        <translation>{0}：已生成 {1} 张，费用 {2}</translation>
    </message>
    <message>
        <source>Images generated per day</source>
        <translation>每日生成图片数</translation>
    </message>
    <message>
        <source>Tasks of this account in progress elsewhere (other devices or keys): {0}, started {1}. They count against the tasks-in-progress limit of the account.</source>
        <translation>此账号在别处（其他设备或密钥）进行中的任务：{0} 个，开始于 {1}。它们占用账号的同时进行任务数上限。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) generated in total.</source>
        <translation>
            <numerusform>共生成 %n 张图片。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of {1} free images used ({2}%)</source>
        <translation type="vanished">免费额度已用 {0} / {1} 张（{2}%）</translation>
    </message>
</context>
</TS>
