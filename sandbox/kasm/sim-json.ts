import { ALL_USERS_GROUP, expiresAt, imageOf, IMAGES, kasmTime, kasmUrl, type Panel, phase, type SimConfig, type SimImage, type SimKasm, type SimUser } from './sim-state';

// The JSON Kasm's developer API answers with, trimmed to the documented fields a billing system reads (the real
// objects carry more: port maps, client settings, volume mappings, agent details…).

export function userJson(panel: Panel, u: SimUser) {
  const last = [...panel.kasms.values()].filter((k) => k.user_id === u.user_id).sort((a, b) => b.createdAt - a.createdAt)[0];
  return {
    user_id: u.user_id,
    username: u.username,
    first_name: u.first_name,
    last_name: u.last_name,
    organization: u.organization,
    phone: null,
    realm: 'local',
    locked: u.locked,
    disabled: u.disabled,
    last_session: last ? kasmTime(last.createdAt) : null,
    notes: null,
    created: kasmTime(u.created),
    groups: [ALL_USERS_GROUP],
  };
}

export function imageJson(i: SimImage) {
  return {
    image_id: i.image_id,
    friendly_name: i.friendly_name,
    name: i.name,
    description: i.description,
    cores: i.cores,
    memory: i.memory,
    enabled: i.enabled,
    available: i.enabled,
    image_src: `img/thumbnails/${i.name.split('/')[1]?.split(':')[0] ?? 'kasm'}.png`,
    categories: i.categories,
    persistent_profile_path: null,
  };
}

export function kasmJson(panel: Panel, k: SimKasm, config: SimConfig, now = Date.now()) {
  const user = panel.users.get(k.user_id);
  const image = imageOf(k);
  const end = expiresAt(k, config);
  return {
    kasm_id: k.kasm_id,
    user_id: k.user_id,
    username: user?.username ?? null,
    image_id: k.image_id,
    operational_status: phase(k, now),
    start_date: kasmTime(k.createdAt),
    created_date: kasmTime(k.createdAt),
    keepalive_date: kasmTime(k.keepaliveAt),
    expiration_date: end === null ? null : kasmTime(end),
    hostname: 'sandbox-agent-1',
    host: '10.0.0.120',
    port: 443,
    container_ip: `172.18.0.${(Number.parseInt(k.kasm_id.slice(0, 2), 16) % 200) + 2}`,
    cores: image?.cores ?? 1,
    memory: image?.memory ?? 0,
    share_id: k.share_id,
    token: k.token,
    view_only_token: null,
    is_persistent_profile: false,
    point_of_presence: null,
    image: image ? { image_id: image.image_id, name: image.name, friendly_name: image.friendly_name, image_src: imageJson(image).image_src } : null,
  };
}

export const imagesJson = () => ({ images: IMAGES.map(imageJson) });

/** get_kasm_status: while starting, the progress at the top level as Kasm reports it; once running, the link too. */
export function kasmStatusJson(panel: Panel, k: SimKasm, config: SimConfig, now = Date.now()) {
  const current_time = kasmTime(now);
  const kasm = kasmJson(panel, k, config, now);
  if (phase(k, now) === 'starting') {
    const progress = Math.min(95, Math.floor(((now - k.createdAt) / Math.max(1, k.startMs)) * 100));
    return { current_time, operational_status: 'starting', operational_message: progress < 50 ? 'Provisioning session' : 'Starting the desktop', operational_progress: progress, kasm };
  }
  return { current_time, kasm_url: kasmUrl(k), kasm };
}
