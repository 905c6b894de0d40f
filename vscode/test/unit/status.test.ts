import { describe, expect, it } from 'vitest';
import { statusView } from '../../src/status.js';

describe('statusView', () => {
  it('says whether the relay runs and whether a program is connected', () => {
    expect(statusView({ kind: 'off' }, 0).text).toBe('$(circle-outline) Sidekick');
    expect(statusView({ kind: 'starting' }, 0).text).toBe('$(sync~spin) Sidekick');
    expect(statusView({ kind: 'ours', port: 5163 }, 0)).toEqual({
      text: '$(radio-tower) Sidekick',
      tooltip: 'Sidekick: relay on 127.0.0.1:5163; no program connected. Click to show the panel.',
    });
    expect(statusView({ kind: 'ours', port: 5163 }, 1).text).toBe('$(broadcast) Sidekick: program connected');
    expect(statusView({ kind: 'shared', port: 5163, version: '0.1.0' }, 0).tooltip).toMatch(/reusing your Sidekick server on port 5163/);
  });

  it('gives the reason when there is no relay', () => {
    expect(statusView({ kind: 'failed', why: 'port 5163 is used by another program' }, 0)).toEqual({
      text: '$(error) Sidekick',
      tooltip: 'Sidekick: no relay: port 5163 is used by another program',
    });
  });
});
