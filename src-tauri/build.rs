fn main() {
    // Declaring the app's commands makes Tauri generate one permission per command
    // (`allow-<name>`), so capabilities/ can grant each window only what it uses; without this
    // every command is open to every window.
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(thidua_commands::COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}

#[path = "src/command_names.rs"]
mod thidua_commands;
