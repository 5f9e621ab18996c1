<#
.SYNOPSIS
    Set up a Windows 10/11 machine as a museum kiosk (UNTESTED: written from Microsoft's
    documentation, never run by the project's tests; try it on a spare machine first).

.DESCRIPTION
    - copies the kiosk bundle (dist\kiosk from `python packaging\build.py --only bundle`) to
      C:\Program Files\Kiosk and the exhibit to C:\ProgramData\Kiosk\content (only when there is
      none yet: the museum's content is never overwritten);
    - creates a local standard user "kiosk" (or uses an existing one) with automatic sign-in;
    - sets the machine-wide kiosk settings (KIOSK_CONTENT, KIOSK_CONFIG_DIR, ...);
    - with -ShellLauncher (Windows 10/11 Enterprise, Education or IoT Enterprise): replaces the
      kiosk user's shell (explorer.exe) with kioskw.exe through Shell Launcher (its WMI provider,
      WESL_UserSetting), restarting it whenever it exits; other users keep the normal desktop;
    - without -ShellLauncher (e.g. Windows Pro): starts kioskw.exe at the kiosk user's sign-in
      with a scheduled task that restarts it when it stops. This does not lock the machine down:
      use Assigned Access / a multi-app kiosk profile or Shell Launcher for that (see
      docs\deploying.md);
    - turns off screen blanking, sleep and the lock screen for the kiosk.

    Run it in an elevated PowerShell from the folder that holds the bundle:
        powershell -ExecutionPolicy Bypass -File setup-kiosk.ps1 -Bundle .\dist\kiosk -ShellLauncher

.PARAMETER Bundle
    The bundle folder (with kiosk.exe and kioskw.exe).
.PARAMETER Content
    An exhibit folder to install as the content (default: the sample inside the bundle).
.PARAMETER KioskUser
    The local account the kiosk runs as (default: kiosk).
.PARAMETER Password
    Its password (default: a random one; it signs in automatically).
.PARAMETER ShellLauncher
    Use Shell Launcher v2 (Enterprise, Education, IoT Enterprise only).
.PARAMETER Uninstall
    Remove the shell replacement, the task and the automatic sign-in (files and content stay).
#>
[CmdletBinding()]
param(
    [string]$Bundle = (Join-Path $PSScriptRoot "..\..\dist\kiosk"),
    [string]$Content = "",
    [string]$KioskUser = "kiosk",
    [string]$Password = "",
    [switch]$ShellLauncher,
    [switch]$Uninstall
)

$ErrorActionPreference = "Stop"
$InstallDir = Join-Path $env:ProgramFiles "Kiosk"
$DataDir = Join-Path $env:ProgramData "Kiosk"
$ContentDir = Join-Path $DataDir "content"
$Exe = Join-Path $InstallDir "kioskw.exe"
$TaskName = "Museum kiosk"
$Winlogon = "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"

function Assert-Admin {
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw "Run this script in an elevated PowerShell (Run as administrator)."
    }
}

function Get-UserSid([string]$Name) {
    (New-Object System.Security.Principal.NTAccount($Name)).Translate([System.Security.Principal.SecurityIdentifier]).Value
}

Assert-Admin

if ($Uninstall) {
    if ($ShellLauncher) {
        $sid = Get-UserSid $KioskUser
        Invoke-CimMethod -Namespace "root\standardcimv2\embedded" -ClassName WESL_UserSetting `
            -MethodName RemoveCustomShell -Arguments @{ Sid = $sid } | Out-Null
        Invoke-CimMethod -Namespace "root\standardcimv2\embedded" -ClassName WESL_UserSetting `
            -MethodName SetEnabled -Arguments @{ Enabled = $false } | Out-Null
    }
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
    Set-ItemProperty -Path $Winlogon -Name AutoAdminLogon -Value "0"
    Remove-ItemProperty -Path $Winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
    Write-Host "Kiosk mode removed. $InstallDir and $DataDir were kept."
    exit 0
}

# 1. The program: a new copy beside the old one, then swapped in.
$Bundle = (Resolve-Path $Bundle).Path
if (-not (Test-Path (Join-Path $Bundle "kioskw.exe"))) {
    throw "$Bundle has no kioskw.exe: build it with 'python packaging\build.py --only bundle' on Windows."
}
Get-Process kiosk, kioskw -ErrorAction SilentlyContinue | Stop-Process -Force
if (Test-Path "$InstallDir.new") { Remove-Item "$InstallDir.new" -Recurse -Force }
Copy-Item $Bundle "$InstallDir.new" -Recurse
if (Test-Path $InstallDir) { Remove-Item $InstallDir -Recurse -Force }
Rename-Item "$InstallDir.new" $InstallDir

# 2. The exhibit: the sample (or -Content) only when there is no content yet.
New-Item -ItemType Directory -Force -Path $DataDir, (Join-Path $DataDir "config"), (Join-Path $DataDir "logs") | Out-Null
if (-not (Test-Path $ContentDir)) {
    $source = if ($Content) { (Resolve-Path $Content).Path } else { Join-Path $InstallDir "_internal\kiosk\_content" }
    Copy-Item $source $ContentDir -Recurse
    Write-Host "Installed the exhibit in $ContentDir"
}

# 3. The kiosk user: a standard (not administrator) local account that signs in automatically.
if (-not $Password) {
    $Password = -join ((48..57) + (65..90) + (97..122) | Get-Random -Count 24 | ForEach-Object { [char]$_ })
}
$secure = ConvertTo-SecureString $Password -AsPlainText -Force
if (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue) {
    Set-LocalUser -Name $KioskUser -Password $secure -PasswordNeverExpires $true
} else {
    New-LocalUser -Name $KioskUser -Password $secure -PasswordNeverExpires -UserMayNotChangePassword `
        -Description "Museum kiosk" | Out-Null
    Add-LocalGroupMember -Group "Users" -Member $KioskUser
}
# Automatic sign-in (the password is stored in the registry, readable by administrators only;
# Sysinternals Autologon stores it encrypted instead).
Set-ItemProperty -Path $Winlogon -Name AutoAdminLogon -Value "1"
Set-ItemProperty -Path $Winlogon -Name DefaultUserName -Value $KioskUser
Set-ItemProperty -Path $Winlogon -Name DefaultDomainName -Value $env:COMPUTERNAME
Set-ItemProperty -Path $Winlogon -Name DefaultPassword -Value $Password

# The kiosk user may read the content and write its settings, logs and statistics.
icacls $DataDir /grant "${KioskUser}:(OI)(CI)M" /T /Q | Out-Null

# 4. Settings, machine-wide (the kiosk reads them like on Linux).
[Environment]::SetEnvironmentVariable("KIOSK_CONTENT", $ContentDir, "Machine")
[Environment]::SetEnvironmentVariable("KIOSK_CONFIG_DIR", (Join-Path $DataDir "config"), "Machine")
[Environment]::SetEnvironmentVariable("KIOSK_DATA_DIR", (Join-Path $DataDir "data"), "Machine")
[Environment]::SetEnvironmentVariable("KIOSK_CACHE_DIR", (Join-Path $DataDir "cache"), "Machine")

# 5. No screen blanking, no sleep, no lock screen.
powercfg /change monitor-timeout-ac 0
powercfg /change standby-timeout-ac 0
powercfg /change hibernate-timeout-ac 0
New-Item -Path "HKLM:\SOFTWARE\Policies\Microsoft\Windows\Personalization" -Force | Out-Null
Set-ItemProperty -Path "HKLM:\SOFTWARE\Policies\Microsoft\Windows\Personalization" -Name NoLockScreen -Value 1 -Type DWord

# 6. Start the kiosk and restart it when it exits.
$run = "`"$Exe`" run --state-dir `"$(Join-Path $DataDir 'logs')`""
if ($ShellLauncher) {
    # Windows 10/11 Enterprise, Education, IoT Enterprise: the optional feature "Shell Launcher".
    $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -ErrorAction SilentlyContinue
    if (-not $feature) { throw "Shell Launcher is not available on this edition of Windows (Enterprise, Education or IoT Enterprise needed)." }
    if ($feature.State -ne "Enabled") {
        Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
        Write-Host "Enabled the Shell Launcher feature: run this script again after a restart."
        exit 3010
    }
    # The Shell Launcher WMI provider (WESL_UserSetting) sets a custom shell per user. (Shell
    # Launcher v2's XML through the AssignedAccess CSP is the other way: see docs/deploying.md.)
    $sid = Get-UserSid $KioskUser
    $ns = "root\standardcimv2\embedded"
    Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName SetEnabled -Arguments @{ Enabled = $true } | Out-Null
    # other users: the normal Explorer shell
    Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName SetDefaultShell `
        -Arguments @{ Shell = "explorer.exe"; DefaultAction = [int]0 } | Out-Null
    Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName RemoveCustomShell `
        -Arguments @{ Sid = $sid } -ErrorAction SilentlyContinue | Out-Null
    # DefaultAction 0 = restart the shell when it exits (1 = restart the machine, 2 = shut down, 3 = do nothing)
    Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName SetCustomShell `
        -Arguments @{ Sid = $sid; Shell = $run; DefaultAction = [int]0 } | Out-Null
    Write-Host "Shell Launcher: $KioskUser's shell is the kiosk (restarted when it exits)."
} else {
    $action = New-ScheduledTaskAction -Execute $Exe -Argument "run --state-dir `"$(Join-Path $DataDir 'logs')`""
    $trigger = New-ScheduledTaskTrigger -AtLogOn -User $KioskUser
    $settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
        -ExecutionTimeLimit ([TimeSpan]::Zero) -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
    $principal = New-ScheduledTaskPrincipal -UserId $KioskUser -LogonType Interactive -RunLevel Limited
    Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Settings $settings `
        -Principal $principal -Force | Out-Null
    Write-Host "Scheduled task '$TaskName' starts the kiosk at $KioskUser's sign-in."
    Write-Host "This is not locked down: on Pro use Assigned Access (Settings > Accounts > Other users >"
    Write-Host "Set up a kiosk) or a multi-app kiosk profile; see docs\deploying.md."
}

Write-Host "Done. Set the staff PIN now:  & `"$InstallDir\kiosk.exe`" set-pin"
Write-Host "Restart the machine to start the kiosk."
