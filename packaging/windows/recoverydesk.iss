; Inno Setup 6 script: RecoveryDesk for one Windows user, no administrator rights needed.
;
; Build after PyInstaller has made dist\RecoveryDesk (from the repository root):
;   iscc /DAppVersion=0.1.0 packaging\windows\recoverydesk.iss
; Output: dist\RecoveryDesk-<version>-windows-setup.exe
;
; The program goes to %LOCALAPPDATA%\Programs\RecoveryDesk. The practice and its backups live
; elsewhere (%LOCALAPPDATA%\RecoveryDesk, or wherever the coach keeps them) and are never
; installed by this script, so uninstalling never removes them: Inno Setup's uninstaller
; deletes only what it installed, and there is no [UninstallDelete] section on purpose.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "RecoveryDesk"
#define AppExe "recoverydesk-gui.exe"
#define ProgId "RecoveryDesk.Practice"

[Setup]
; A fixed AppId keeps upgrades in place; never change it.
AppId={{6C3F4E2A-9B1D-4C57-8E0A-2F7D5B9C1A43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The RecoveryDesk project
; Per-user install: no UAC prompt; {autopf} is %LOCALAPPDATA%\Programs, HKA is HKCU.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile=..\icons\recoverydesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running RecoveryDesk before replacing its files (it backs up as it closes).
CloseApplications=yes
#ifdef SignWith
; Signed builds (packaging/README.md): iscc /DSignWith /Ssigntool="signtool sign ... $f"
; signs the installer and the uninstaller.
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\RecoveryDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Your caseload, plans and session notes"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .rdk practice files open in RecoveryDesk (per user, HKCU\Software\Classes). Uninstalling
; removes the file type, never the files.
Root: HKA; Subkey: "Software\Classes\.rdk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.rdk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "RecoveryDesk practice"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".rdk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
