// The workspace image ids of the sandbox's Kasm stand-in. Its image list (sandbox/kasm/sim-state.ts) is built from
// these and the demo catalog's cloud desktop plans name them, so the plans `seed --demo` makes start images that
// panel has. A real Kasm server has its own ids: staff pick one per plan from the panel's list.
export const SANDBOX_KASM_IMAGE_IDS = {
  ubuntuJammyDesktop: '718c23a6d61149619187092afd8e897d',
  ubuntuJammyDind: '2306ee4865264fefbe4fb73068bf2df6',
  chrome: '5ce06384862e45eaaa065031f930a47f',
  firefox: '951c27986c3c4c42b67042ed5687dc28',
  vsCode: '412367db06144ecf96408f1f6dbf2645',
  onlyOffice: '191ff3104f0a460193c45386819ef124',
  terminal: '937a6e4d324f4de2acec9c5efcc783b6',
  /** Disabled on the panel: listed, never started. */
  ubuntuFocalDesktop: '83679b4639484649a6d3a5e864cbddf0',
} as const;
