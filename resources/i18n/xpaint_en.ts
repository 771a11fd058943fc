<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApiKeySection</name>
    <message>
        <source>The API key contains spaces, line breaks or non-ASCII letters, which no key has. Paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available: choose a file or this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the key in clear while this is ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in a file only I can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for this session only (forgotten on quit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether this computer has a system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring refused the key (it may be locked). Unlock it and choose it again, or keep the key for this session only, or in a file that only you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring was found on this computer, so the key cannot go there. Keep it for this session only, or in a file that only you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: the key in the environment variable {0}. It wins over any key stored here; unset it to use the stored key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: the key stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: the key stored in a file only you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: a key kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key yet. Get one in the DashScope (Model Studio) console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking where the key is kept…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored key will be removed when you press OK or Apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the current key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the same image, mask and parameters again as a new job: a new task, billed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to wanx2.1-imageedit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose its task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If this keeps happening, look at the log for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the API key in Preferences, and that it belongs to the region chosen there (a Beijing key does not work internationally, and the other way round).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Preferences to fix this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is busy; the job will be retried automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the prompt (or the painted area) and generate again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The free trial of wanx-x-painting is used up, and it has no paid option. Its successor wanx2.1-imageedit is paid per image: switch the job to it, with the same image, mask and prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account cannot use the model, or its free quota is used up. Check the model&apos;s access in the DashScope console, or use the offline engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the account&apos;s billing in the DashScope console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so the task may exist. It is not sent again automatically; check the job list before generating again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the internet connection, or the proxy in Preferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fault on the service&apos;s side; try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service keeps tasks for 24 hours; generate again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate again, perhaps with a different prompt or painted area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the input and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Job #{0}: which task is its own?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s answer to this job was lost, and the account&apos;s task list shows several tasks sent around that moment (another device of this account may have sent some). Choose this job&apos;s task to fetch its images, or send the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the service for the account&apos;s tasks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending again creates a new task on the service, and it is billed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task of the account matches any more; send the job again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make one request with the key, region and proxy shown here, before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to {0}: the key works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no key to test. Enter one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key contains characters no key has (spaces, line breaks or non-ASCII letters). Paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong key: {0} refused it. Check the key, and that it belongs to the region chosen here (a Beijing key does not work in Singapore, and the other way round).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach {0}. Check the internet connection, the service URL and the proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} did not answer in time. Check the internet connection and the proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy {0} failed: it could not be reached or refused the connection. Check the proxy address, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key works, but {0} denied access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key works, but the account has a billing problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is busy right now; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} had an internal problem; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed at {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cost</name>
    <message>
        <source>{0} × {1} {2} = {3} {2} (price of {4})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A paid job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is paid per image. This job costs {1}, billed to the account of the API key. Go on? (This is asked once per session.)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <source>Open Log Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the folder with the log files, to attach them to a report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xpaint-desktop ran into an unexpected problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your images and jobs are kept in the library. The details were written to the log file:
{0}

If this keeps happening, please attach that file to a bug report.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DailyBarChart</name>
    <message>
        <source>No usage yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most in one day: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n image(s)</source>
        <translation>
            <numerusform>{0}: %n image</numerusform>
            <numerusform>{0}: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditorActions</name>
    <message>
        <source>B / E / R / L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>brush, eraser, rectangle, lasso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O / W / C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>object selection, magic wand, colour range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift while selecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add to the mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[ and ]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smaller / larger brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space + drag, middle button</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>move the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt while drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subtract from the mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold \ (backslash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the original instead of the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo / redo mask edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+0 / Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit to window / 100 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save result as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export mask…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import mask…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual pixels (100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fill mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In&amp;vert mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grow mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shrink mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard and mouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About xpaint-desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the image on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a box around a thing to select it (O; Shift adds, Alt subtracts, a box inside the last one refines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Magic &amp;wand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a colour region to select it (W; Shift adds, Alt subtracts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click colours to preview them (C; Shift+click adds a colour), Enter selects them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the whole image for repainting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grow the mask by {0} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shrink the mask by {0} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint the area to repaint (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase from the mask (E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a rectangle into the mask (R; Alt subtracts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lasso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a free shape into the mask (L; Alt subtracts)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointSection</name>
    <message>
        <source>The service URL must be a full address starting with http:// or https://, e.g. https://dashscope.aliyuncs.com/api/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy must look like http://host:port or socks5://host:port (or be empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beijing (China mainland)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the system&apos;s proxy settings; or e.g. http://127.0.0.1:7890</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment variable {0} is set to {1}; it is used instead of the region chosen here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryBadge</name>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <source>No picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryDock</name>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryFilterBar</name>
    <message>
        <source>Search prompts and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt A–Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt Z–A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryWidget</name>
    <message>
        <source>Open in editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details and lineage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n job</numerusform>
            <numerusform>%n jobs</numerusform>
        </translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for job {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n picture(s).</source>
        <translation>
            <numerusform>Exported %n picture.</numerusform>
            <numerusform>Exported %n pictures.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n job(s) with their pictures? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n job with their pictures? This cannot be undone.</numerusform>
            <numerusform>Delete %n jobs with their pictures? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete job {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud (DashScope)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageIO</name>
    <message>
        <source>“{0}” does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is a folder, not an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is empty (0 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is not an image this program can read (JPEG, PNG, BMP, WebP, TIFF).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” could not be read: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save “{0}”: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobDetailDialog</name>
    <message>
        <source>Open in editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job {0} is no longer in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No results yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture cannot be shown: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobList</name>
    <message>
        <source>image, mask and parameters kept; run it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not waited for; its image still arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} keeps running on the service, which bills it; the window no longer waits for it. Its image is downloaded into the History when it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0}: the image you stopped waiting for has arrived in the History.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobListView</name>
    <message>
        <source>Stop waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is already making this image (and bills it); it cannot be stopped there. The window stops waiting; the image still arrives in the History when it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A queued job is removed; a job waiting on the service is cancelled there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose its task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job #{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobNotes</name>
    <message>
        <source>task {0}: {1} for {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploading the image and the mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking the account&apos;s task list for this job&apos;s task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s answer to the creation request was lost; the account&apos;s task list settles whether a task was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline engine fills the painted area from its surroundings; it ignores the prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no image came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The creation request got no answer, and the account has several tasks from that moment: choose the one that belongs to this job, or send the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped waiting; the task runs on and its result is downloaded when it is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped; it will resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}; {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task {0} queued on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adopted task {0} from the task list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resuming task {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task {0} was cancelled on the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Task {0} goes on running on the service and is billed; its result is not downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) ready</source>
        <translation>
            <numerusform>%n image ready</numerusform>
            <numerusform>%n images ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {0} images ready</source>
        <translation>
            <numerusform>%n of {0} images ready</numerusform>
            <numerusform>%n of {0} images ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not downloaded yet, fetched again on resume</source>
        <translation>
            <numerusform>%n not downloaded yet, fetched again on resume</numerusform>
            <numerusform>%n not downloaded yet, fetched again on resume</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRestore</name>
    <message>
        <source>The mask of job #{0} is {1} × {2} px but its image is {3} × {4} px; the job&apos;s files were changed outside the program.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobStage</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended by the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking with the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs your choice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibrarySection</name>
    <message>
        <source>The environment variable XPAINT_HOME is set to {0}; it decides where the library is, so it cannot be moved here. Unset it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving the library to {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an empty folder for the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library was moved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library could not be moved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every job, with its inputs and results, is kept in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the library to an empty folder, check the copy, then remove the old one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move happens at once, whether or not you press OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment variable XPAINT_HOME sets the library folder; it cannot be moved here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Size </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush diameter in image pixels ([ and ] change it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job was not created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} can no longer be cancelled: the service is already working on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({0});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job library cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These inputs are already being generated; nothing new was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing 1 unfinished job from the last session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing {0} unfinished jobs from the last session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0}: the service&apos;s answer was lost and several of the account&apos;s tasks could be its own. Choose its task, or send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} expired on the service (it keeps tasks for 24 hours). Its image, mask and parameters are kept: choose “Run again” in the job list or the History.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} is already being run again; nothing new was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} sent to the queue again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} is no longer in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening job #{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0} is in the editor with its mask and parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters applied to the current image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is {1} × {2} px; the cloud service needs more than {3} px on each side. The offline engine works, or open a larger image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image. Copy an image (or an image file) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt and parameters restored from {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the mask: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask saved to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grey} of its pixels are {source} values between black and white; they were read with threshold {threshold} (lighter than {threshold} = repaint), so {painted} of the picture will be repainted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transparency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This result belongs to another image. Use “Use as new base” to continue from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a result first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save result as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs are still queued or running: wait for them or cancel them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key — &lt;a href=&quot;prefs&quot;&gt;set one&lt;/a&gt; or use the offline engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About xpaint-desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xpaint-desktop {0}
Paint over part of a photo, say what should be there, get it back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <source>Set mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush stroke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grow mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shrink mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Magic wand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smooth edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtract object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refine selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskColorDialog</name>
    <message>
        <source>Colours of the mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is a coloured picture. Tick the colours that mark the area to repaint; every other colour is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RGB {0}, {1}, {2} — {3} % of the picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskView</name>
    <message>
        <source>Show &amp;mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the mask over the photo or result (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask &amp;colour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Mask </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly the mask covers the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Hardness </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush edge: 100 % paints exactly the brush size, softer edges paint less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Model</name>
    <message>
        <source>{0} (paid per image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (free trial)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputSize</name>
    <message>
        <source>square</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>portrait</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Describe what should appear in the painted area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto (closest to the painted area&apos;s shape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many variants to generate at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wanx-x-painting is a free trial of 500 images per account; its successor wanx2.1-imageedit is paid per image and takes longer prompts and a seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the result as AI-generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud (DashScope)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline (fills from the surroundings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Around the painted area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Around the painted area: a crop around the mask is sent, so small areas get more detail. Whole image: the entire picture is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How softly the result blends into the photo at the mask&apos;s edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline engine ignores the prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feather</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image first (File ▸ Open, or drop a file on the window).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint over the area to change (the mask is empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a DashScope API key in Preferences, or use the offline engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a prompt: what should appear in the painted area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is not offered by the chosen endpoint ({1}). Choose the Beijing endpoint in Preferences, or another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of this job: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} characters past the limit are cut by the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service reads up to {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>There is no key to test. Enter one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring refused the key (it may be locked). Unlock it and press OK again, or keep the key in a file or for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available to store the key. Keep it in a file or for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be written to {0}: {1}. Check that you may write to that folder and that the disk is not full, or keep the key in the system keyring or for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the API key ({0}). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the settings: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptEdit</name>
    <message>
        <source>The service ignores everything past this point.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Region</name>
    <message>
        <source>Beijing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsStrip</name>
    <message>
        <source>Results appear here when a job finishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to compare ( \ )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the original while held; over the canvas, hold the \ key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left of the line: original; right: result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as new base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue editing from this result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #{0}: {1} of {2} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeedEdit</name>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same seed, prompt and images give the same picture again; Random lets the service choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a new seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectionOptionsBar</name>
    <message>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Tolerance </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far a colour may be from the picked one (0-255 in every channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contiguous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wand takes only the region around the click, not the colour everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the picked colours (Enter; Shift adds to the mask, Alt subtracts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the picked colours (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Edge </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smooth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smooth the mask&apos;s outline over this many pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Feather </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How wide the new picture blends into the photo at the mask&apos;s edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Colours: {0} </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>API key refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free quota used up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No access to the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by content moderation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspected IP infringement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image address refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input image not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model not offered in this region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not make the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled on the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image link expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service sent no image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service error {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service refused the API key: it is wrong, or it belongs to the other region. Check the key and the region in Preferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is overdue, or the service is not purchased. Check billing in the Alibaba Cloud console, then run the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s free quota is used up, and wanx-x-painting has no paid option. Switch the job to its successor wanx2.1-imageedit, which is paid per image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has not activated the model. Activate it in the Model Studio console, or use the offline engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service denied access: the account cannot use this model, or its quota is used up. Check the model&apos;s access in the DashScope console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service got too many requests at once and asked to slow down. Wait a moment; a waiting job is retried automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s content moderation rejected the prompt or the image. Change the prompt or the painted area and generate again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service suspects that the prompt or the image infringes intellectual property (a brand, a character). Change them and generate again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service ran out of time while making the image. Nothing is wrong with the inputs: run the job again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service had an internal fault. Nothing is wrong with the inputs: run the job again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is unavailable on the service for now. Run the job again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service refused one of the job&apos;s parameters; its own words name which. Change that parameter and generate again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not use the address of an input image. Run the job again: its images are uploaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not download the uploaded image or mask. Run the job again: its images are uploaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not accept the request. Run the job again; if it keeps failing, its own words say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service does not offer this model in the chosen region. Choose the other region in Preferences, or another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not find what was asked for (a task or a file). Run the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not make the image. Run the job again, perhaps with another prompt or painted area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service keeps tasks and their images for 24 hours only. The image, mask and parameters are kept here: run the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task was cancelled on the service (from another device, or by the service). Run the job again to get the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image was made but could not be downloaded. It is fetched again when the job resumes (its link lasts 24 hours); check the internet connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image&apos;s link on the service has expired (links last 24 hours), so it can no longer be downloaded. Run the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service sent back a file that is not an image. Run the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service reported an error this version does not know ({0}). Its own words say more; run the job again, or look at the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service said: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Style</name>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D cartoon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oil painting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watercolour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sketch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese painting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flat illustration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted from this library (cloud jobs only). Images made with the same API key elsewhere are not included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} of {2} free trial images used ({3}%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: images made {1}, cost {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images generated per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks of this account in progress elsewhere (other devices or keys): {0}, started {1}. They count against the tasks-in-progress limit of the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) generated in total.</source>
        <translation>
            <numerusform>%n image generated in total.</numerusform>
            <numerusform>%n images generated in total.</numerusform>
        </translation>
    </message>
</context>
</TS>
